// The key exchange. The key frame carries the session key wrapped with the room's RSA-OAEP key;
// the first encrypted frame must return this socket's challenge. A recorded handshake replayed
// on a new socket unwraps fine but carries the old challenge, so it fails here.

import * as v from 'valibot';
import { bytesEqual, fromBase64Url } from '../../crypto/base64';
import { unwrapSessionKey } from '../../crypto/session-key';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { KeyFrame } from '../../protocol/control-frames';
import { CLOSE_CODES } from '../../protocol/errors';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';

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
