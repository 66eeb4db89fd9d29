// The key exchange. The key frame carries the session key wrapped with the room's RSA-OAEP key;
// the first encrypted frame must return this socket's challenge. A recorded handshake replayed
// on a new socket unwraps fine but carries the old challenge, so it fails here.

import * as v from 'valibot';
import { bytesEqual, fromBase64Url, randomBytes, toBase64Url } from '../../crypto/base64';
import type { RoomKeyPair } from '../../crypto/room-key';
import { unwrapSessionKey } from '../../crypto/session-key';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { type HelloFrame, KeyFrame, PROTOCOL_VERSION } from '../../protocol/control-frames';
import { CLOSE_CODES } from '../../protocol/errors';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { newAttachment, writeAttachment } from '../socket-attachment';

/**
 * Starts the key exchange on a socket the room just accepted: a fresh challenge in its attachment,
 * and the hello frame with the room's public key, its fingerprint and that challenge.
 */
export function openHandshake(
  ws: WebSocket,
  roomKey: RoomKeyPair,
  ipDigest: string | undefined,
  now: number,
): void {
  const challenge = toBase64Url(randomBytes(32));
  writeAttachment(ws, newAttachment(challenge, now, ipDigest));
  const hello: HelloFrame = {
    t: 'hello',
    v: PROTOCOL_VERSION,
    publicKey: toBase64Url(roomKey.spki),
    fingerprint: roomKey.fingerprint,
    challenge,
  };
  ws.send(JSON.stringify(hello));
}

/** Handles a text frame before the key exchange. */
export async function handleKeyFrame(room: RoomContext, live: LiveSocket, text: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    room.audit.record('protocol_error', { code: 'bad_json' });
    room.outbox.controlError(live.ws, 'bad_json');
    return;
  }
  const frame = v.safeParse(KeyFrame, json);
  if (!frame.success) {
    const t = (json as { t?: unknown } | null)?.t;
    const code = t === 'key' ? 'bad_field' : 'handshake_required';
    room.audit.record('protocol_error', { code });
    room.outbox.controlError(live.ws, code);
    return;
  }
  try {
    live.att.key = await unwrapSessionKey((await room.roomKey()).privateKey, fromBase64Url(frame.output.key));
  } catch {
    logEvent('handshake_failed', { reason: 'unwrap' });
    room.audit.record('handshake_failed', { code: 'unwrap' });
    room.outbox.controlError(live.ws, 'handshake_failed');
    room.disconnect(live, CLOSE_CODES.protocol, 'handshake failed', 'kicked');
  }
}

/** Handles the first encrypted frame, which must be `auth` with this socket's challenge. */
export async function handleAuth(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'auth'> | null,
): Promise<void> {
  let ok = false;
  try {
    ok = msg !== null && bytesEqual(fromBase64Url(msg.challenge), fromBase64Url(live.att.challenge));
  } catch {
    ok = false;
  }
  if (ok) {
    live.att.authed = true;
    return;
  }
  logEvent('handshake_failed', { reason: 'challenge' });
  room.audit.record('handshake_failed', { code: 'challenge' });
  room.outbox.error(live, 'handshake_failed');
  room.disconnect(live, CLOSE_CODES.protocol, 'handshake failed', 'kicked');
}
