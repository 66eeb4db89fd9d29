// The alarm's work, in order: a directory report that is due, sockets past their deadlines or stale,
// the outbox, reservations, history and audit retention, expired files; then the next alarm for
// whatever is due first. A room with no sockets and no files sets none. Used by chat-room.ts's alarm().

import { nextFileDue, sweepFiles } from './files/file-sweep';
import type { RoomContext } from './room-context';
import { type SweptSocket, sweepSockets } from './socket-sweep';

export async function sweepRoom(
  room: RoomContext,
  sockets: SweptSocket[],
  openSockets: () => number,
  now: number,
): Promise<void> {
  room.rooms.reporter.alarm();
  const nextDeadline = sweepSockets(room, sockets, now);
  room.outbox.sweep();
  room.store.pruneReservations(now);
  room.messages.prune(now);
  const auditDue = room.audit.prune(now);
  if (auditDue !== null) await room.ensureAlarm(auditDue);
  await sweepFiles(room, now);
  if (openSockets() > 0) await room.ensureSweep();
  if (nextDeadline !== null) await room.ensureAlarm(nextDeadline);
  const fileDue = nextFileDue(room);
  // Never sooner than a second: a file whose deletion failed must not make the alarm spin.
  if (fileDue !== null) await room.ensureAlarm(Math.max(fileDue, now + 1_000));
}
