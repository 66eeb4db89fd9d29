// Reactions, edits and deletions (worker/protocol/message-events.ts): checked here, stored by the
// MessageEventStore (worker/room/messages), then sent to the people who see the message: the whole
// room for a Lobby message, its two parties for a private one. Reactions go through the
// ReactionBatcher (reaction-batcher.ts) and are delivered in one frame per message per flush.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { mentionsEveryone } from '../../protocol/mentions';
import { EDIT_WINDOW_MS } from '../../protocol/message-events';
import { messageTextProblem } from '../../protocol/message-text';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { EventLine, EventTarget } from '../messages/message-events-store';
import type { RoomContext } from '../room-context';

type EventRoomPart = Pick<RoomContext, 'outbox' | 'now' | 'members' | 'messages' | 'reactionBatch' | 'rules'>;

export function handleReact(room: EventRoomPart, live: JoinedSocket, msg: ClientMessageOf<'react'>): void {
  const target = visibleTarget(room, live, msg.id);
  if (!target) return;
  const reactions = room.messages.events.reactions;
  if (msg.on) {
    const present = reactions.distinct(target.id, msg.emoji);
    if (!present.has && present.count >= room.rules.maxReactions) {
      room.outbox.error(live, 'too_many_reactions', { detail: String(target.id) });
      return;
    }
  }
  const name = live.att.name;
  const now = room.now();
  if (!reactions.toggle(target.id, msg.emoji, { key: nameKey(name), name }, msg.on, now)) return;
  // The event row now, so a resume replays it even if the room is evicted before the flush.
  room.messages.events.reactionChanged(target.id, name, now);
  room.reactionBatch.changed(target.id, name);
}

/** The batcher's flush: one `reaction` frame per changed message, at a new place in the sequence. */
export function deliverReactions(room: EventRoomPart, changed: ReadonlyMap<number, string>): void {
  const now = room.now();
  for (const [id, by] of changed) {
    const frame = room.messages.events.reactionChanged(id, by, now);
    const target = frame && room.messages.events.anyTarget(id);
    if (frame && target) deliver(room, target, frame);
  }
}

export function handleEdit(room: EventRoomPart, live: JoinedSocket, msg: ClientMessageOf<'edit'>): void {
  const target = ownTarget(room, live, msg.id);
  if (!target) return;
  const problem = messageTextProblem(msg.text);
  const now = room.now();
  // A sealed private message is opaque to the room; an edit would put plaintext beside it.
  const late = now - target.at > EDIT_WINDOW_MS ? 'edit_window_passed' : null;
  // An edit must not add what the message could not have said when it was sent.
  const everyone =
    !target.private && !live.att.admin && mentionsEveryone(msg.text) ? 'everyone_not_allowed' : null;
  const refusal = target.sealed ? 'sealed_message' : (problem ?? late ?? everyone);
  if (refusal) {
    room.outbox.error(live, refusal, { detail: String(target.id) });
    return;
  }
  logEvent('message_edited', { by: live.att.name, chars: msg.text.length });
  deliver(room, target, room.messages.events.edit(target.id, msg.text, live.att.name, now));
}

export function handleDelete(room: EventRoomPart, live: JoinedSocket, msg: ClientMessageOf<'delete'>): void {
  const target = ownTarget(room, live, msg.id);
  if (!target) return;
  logEvent('message_deleted', { by: live.att.name });
  deliver(room, target, room.messages.events.remove(target.id, live.att.name, room.now()));
}

/**
 * The operator's delete (DELETE /api/admin/messages/:id), or a room owner's (moderation/owner-delete.ts,
 * `by` the owner's name); false when there is no such message.
 */
export function adminDelete(room: EventRoomPart, id: number, by = 'admin'): boolean {
  const target = room.messages.events.anyTarget(id);
  if (!target) return false;
  deliver(room, target, room.messages.events.remove(target.id, by, room.now()));
  return true;
}

/**
 * Whether a new message may answer `replyTo`: one its sender can see and, for a Lobby message, a
 * Lobby one (a public reply must not point into a private conversation). Tells the sender if not.
 */
export function replyAllowed(
  room: Pick<RoomContext, 'outbox' | 'messages'>,
  live: JoinedSocket,
  replyTo: number,
  cid: number,
  isPublic: boolean,
): boolean {
  const target = room.messages.events.target(replyTo, live.att.session);
  if (target && !(isPublic && target.private)) return true;
  room.outbox.error(live, 'unknown_message', { cid, detail: String(replyTo) });
  return false;
}

function visibleTarget(room: EventRoomPart, live: JoinedSocket, id: number): EventTarget | null {
  const target = room.messages.events.target(id, live.att.session);
  if (!target) room.outbox.error(live, 'unknown_message', { detail: String(id) });
  return target;
}

/** The message, if it exists and `live`'s session wrote it (names are not accounts; sessions are). */
function ownTarget(room: EventRoomPart, live: JoinedSocket, id: number): EventTarget | null {
  const target = visibleTarget(room, live, id);
  if (target && target.fromSession !== live.att.session) {
    room.outbox.error(live, 'not_author', { detail: String(id) });
    return null;
  }
  return target;
}

/** Everyone for a Lobby message (sealed once); for a private one, the sockets of its two sessions. */
function deliver(room: EventRoomPart, target: EventTarget, frame: EventLine): void {
  const all = [...room.members.values()];
  if (!target.private) {
    // Public traffic: sealed once under the room broadcast key (outbox.ts publish).
    room.outbox.publish(all, frame);
    return;
  }
  const to: LiveSocket[] = all.filter(
    (m) => m.att.session === target.fromSession || m.att.session === target.toSession,
  );
  room.outbox.broadcast(to, frame);
}
