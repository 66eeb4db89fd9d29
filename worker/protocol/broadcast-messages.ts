// The room broadcast key, as the room hands it to one member: inside that member's own session
// frames, so only the room can have sent it (docs/protocol.md §3, docs/security.md). The client
// core takes it in (client/core/broadcast-receiver.ts); it never reaches the app.
//
// room → client  { type: 'room_key', epoch, key, verify }
//   epoch:  the key's epoch (bytes 2–5 of every broadcast frame sealed with it);
//   key:    the AES-256-GCM broadcast key, 32 raw bytes, base64url;
//   verify: the room's Ed25519 public key, 32 raw bytes, base64url: every broadcast frame is signed with it.

import * as v from 'valibot';

const Epoch = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(0xffffffff));
const Base64Url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

export const RoomKeyMessage = v.object({
  type: v.literal('room_key'),
  epoch: Epoch,
  key: Base64Url,
  verify: Base64Url,
});
export type RoomKeyMessage = v.InferOutput<typeof RoomKeyMessage>;
