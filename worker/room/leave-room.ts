// A socket leaves the room: it stops counting towards the outbox's and the files' limits, and a
// joined one leaves the roster, its name held for its resume token. Used by chat-room.ts (a close,
// an error, or the room's own disconnect).

import type { LeaveReason } from '../protocol/server-messages';
import { nameKey } from '../protocol/username';
import { reservationExpiry } from './handlers/join';
import type { JoinedSocket } from './joined-socket';
import type { LiveSocket } from './live-socket';
import { logEvent } from './log';
import type { PresenceBatcher } from './presence-batcher';
import type { RoomContext } from './room-context';

type LeavingRoom = Pick<
  RoomContext,
  'outbox' | 'files' | 'rooms' | 'store' | 'typing' | 'audit' | 'writes'
> & {
  readonly presence: Pick<PresenceBatcher, 'leave'>;
};

export function leaveRoom(
  room: LeavingRoom,
  members: Map<string, JoinedSocket>,
  live: LiveSocket,
  reason: LeaveReason,
): void {
  // The cache entry stays, marked closed, so a late frame from this socket is dropped.
  live.closed = true;
  room.outbox.forget(live);
  room.files.forgetSocket(live);
  const name = live.att.name;
  if (!name) return;
  const key = nameKey(name);
  if (members.get(key) !== live) return;
  members.delete(key);
  room.rooms.reporter.membersChanged(members.size + 1, members.size);
  // Order matters: the messages it sent are written before the handled cid that covers them
  // (write-behind.ts), or a resend after a crash in between would be acknowledged and never stored.
  room.writes.drain();
  room.store.releaseName(key, reservationExpiry(Date.now()), live.att.lastCid);
  room.presence.leave(name, reason);
  room.typing.forget(name);
  logEvent('left', { name, reason, members: members.size });
  room.audit.record('leave', { user: name, code: reason, detail: { members: members.size } });
}
