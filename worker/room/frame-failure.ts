// What the room does when a frame's handler throws (chat-room.ts webSocketMessage): a bug, not bad
// input. Apart from internal-error.ts so that module stays free of the room's runtime types.

import { logInternalError } from './internal-error';
import type { LiveSocket } from './live-socket';
import type { RoomContext } from './room-context';

/**
 * A frame's handler failed: a bug, not bad input. Logs where, the message type and the error's name
 * (nothing from the frame), audits it, and tells the sender, who may retry.
 */
export function reportFrameFailure(
  room: Pick<RoomContext, 'audit' | 'outbox'>,
  live: LiveSocket | null,
  error: unknown,
): void {
  const where = 'webSocketMessage';
  const type = logInternalError(where, error);
  room.audit.record('internal_error', {
    user: live?.att.name ?? null,
    code: 'internal',
    detail: type === undefined ? { where } : { where, type },
  });
  if (live?.att.key && !live.closed) room.outbox.error(live, 'internal');
}
