// `npm run keygen`: prints a new RSA-OAEP-2048 room key (PKCS#8 PEM) and its fingerprint.
// Store it with `npm run --silent keygen | wrangler secret put ROOM_PRIVATE_KEY` (--silent keeps npm's
// banner out of the pipe), or in .dev.vars locally.

import { generateRoomKeyPair, loadRoomKeyPair, pkcs8ToPem } from '#crypto/room-key';

const { pkcs8 } = await generateRoomKeyPair();
const { fingerprint } = await loadRoomKeyPair(pkcs8);
process.stdout.write(pkcs8ToPem(pkcs8));
process.stderr.write(
  `\nfingerprint: ${fingerprint}\nstore it:    npm run --silent keygen 2>/dev/null | npx wrangler secret put ROOM_PRIVATE_KEY\n`,
);
