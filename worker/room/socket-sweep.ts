// The alarm's pass over the open sockets: handshake and join deadlines (admission/socket-deadlines.ts),
// stale sockets (a tab or network may go without a close frame; heartbeats are answered by the
// runtime, which keeps their time), and resume replays an eviction interrupted. Used by chat-room.ts.

import { CLOSE_CODES } from '../protocol/errors';
import { STALE_AFTER_MS } from '../protocol/limits';
import { deadlineOf } from './admission/socket-deadlines';
import { continueReplay } from './handlers/history';
import type { LiveSocket } from './live-socket';
import { logEvent } from './log';
import type { RoomContext } from './room-context';
import { writeAttachment } from './socket-attachment';

export interface SweptSocket {
  live: LiveSocket;
  /** The runtime's time of its last heartbeat answer, 0 for none. */
  heartbeatAt: number;
}

/** Closes what is due and returns the next deadline still ahead (null for none). */
export function sweepSockets(
  room: Pick<RoomContext, 'audit' | 'disconnect' | 'outbox' | 'messages'>,
  sockets: readonly SweptSocket[],
  now: number,
): number | null {
  let next: number | null = null;
  for (const { live, heartbeatAt } of sockets) {
    if (live.closed) continue;
    const deadline = deadlineOf(live.att);
    if (deadline && deadline.at <= now) {
      room.audit.record('deadline_closed', { code: `${deadline.stage}_deadline` });
      room.disconnect(live, CLOSE_CODES.deadline, `${deadline.stage} deadline passed`, 'timeout');
      continue;
    }
    if (deadline) next = Math.min(next ?? deadline.at, deadline.at);
    if (now - Math.max(heartbeatAt, live.att.lastSeen) > STALE_AFTER_MS) {
      logEvent('stale_socket', { joined: Boolean(live.att.name) });
      room.disconnect(live, CLOSE_CODES.stale, 'heartbeat timed out', 'timeout');
    } else if (live.att.replay && !live.closed) {
      // A replay that an eviction interrupted goes on (its cursor is in the attachment).
      continueReplay(room, live);
      writeAttachment(live.ws, live.att);
    }
  }
  return next;
}
