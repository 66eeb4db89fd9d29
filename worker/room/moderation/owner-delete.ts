// A room owner may delete anyone's Lobby message, through the same delete event as an author's own
// (handlers/message-events.ts): a tombstone for everyone, in the id sequence that resume replays.
// Private messages stay their two parties' business: the owner cannot see them, so cannot delete
// them. Audited, announced as a system line, and the author is told. Used by dispatch.ts; tested in
// test/worker/moderation-delete-close.test.ts.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import { adminDelete, handleDelete } from '../handlers/message-events';
import type { JoinedSocket } from '../joined-socket';
import type { RoomContext } from '../room-context';
import { announce, tell } from './announce';
import { isOwner } from './owner-proof';

export function handleDeleteRequest(
  room: RoomContext,
  live: JoinedSocket,
  msg: ClientMessageOf<'delete'>,
): void {
  const target = isOwner(live) ? room.messages.events.target(msg.id, live.att.session) : null;
  // Not an owner, or the owner's own message, or a private one: the author's rules apply.
  if (!target || target.private || target.fromSession === live.att.session) {
    handleDelete(room, live, msg);
    return;
  }
  adminDelete(room, target.id, live.att.name);
  room.audit.record('moderation', {
    user: live.att.name,
    peer: target.fromName,
    code: 'delete',
    ref: String(target.id),
  });
  const author = room.members.get(nameKey(target.fromName));
  if (author && author.att.session === target.fromSession) tell(room, author, { action: 'delete' });
  announce(room, { action: 'delete', name: target.fromName });
}
