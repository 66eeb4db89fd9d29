// Delivers a presence batch (presence-batcher.ts) when it flushes: every member gets the joins and
// leaves gathered, in order, with the room's size. Kept beside the typing delivery (handlers/typing.ts).

import type { PresenceBatch } from '../presence-batcher';
import type { RoomContext } from '../room-context';

/**
 * Public, so sealed once (outbox.ts publish); a leave in the batch has already retired the
 * broadcast key it held.
 */
export function deliverPresence(room: Pick<RoomContext, 'outbox' | 'members'>, batch: PresenceBatch): void {
  if (batch.length === 0) return; // taken already by an earlier flush (presence-batcher.ts)
  const members = [...room.members.values()];
  room.outbox.publish(members, { type: 'presence', changes: batch, count: members.length });
}
