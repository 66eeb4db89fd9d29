// A socket that fell too far behind reading (outbox.ts): it is logged, audited and closed with
// slow_consumer; the client resumes with `since` and loses nothing. Used by chat-room.ts.

import { CLOSE_CODES } from '../protocol/errors';
import type { LiveSocket } from './live-socket';
import { logEvent } from './log';
import type { RoomContext } from './room-context';
import type { SocketFlow } from './socket-flow';

export function shedSlowConsumer(
  room: Pick<RoomContext, 'audit' | 'disconnect'>,
  live: LiveSocket,
  why: NonNullable<SocketFlow['shed']>,
): void {
  logEvent('slow_consumer', { name: live.att.name ?? null, why });
  room.audit.record('protocol_error', {
    user: live.att.name ?? null,
    code: 'slow_consumer',
    detail: { why },
  });
  room.disconnect(live, CLOSE_CODES.slow_consumer, 'slow consumer', 'timeout');
}
