// A public key's short id: the first 8 bytes of its SHA-256, as 16 lower-case hex characters.
// Names identity keys and prekeys in envelopes and in the room's key directory.

import { type Bytes, toHex } from '#crypto/base64';

export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

export async function keyId(publicRaw: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', publicRaw));
  return toHex(digest.subarray(0, 8));
}
