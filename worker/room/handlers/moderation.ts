// The owner frames (worker/protocol/moderation-messages.ts) from a joined socket. `owner` proves
// ownership; every other frame needs it, or is refused with `not_owner` (and audited). The room's
// settings (topic, visibility, slow mode) are here; actions on a member are in
// moderation/sanction-actions.ts, an owner's delete in moderation/owner-delete.ts.
// Tested in test/worker/moderation-*.test.ts.

import type { ClientMessageOf } from '../../protocol/client-messages';
import type { OwnerActionType } from '../../protocol/moderation-requests';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import { announce, settingsChanged } from '../moderation/announce';
import { isOwner, proveOwner } from '../moderation/owner-proof';
import { ban, kick, lift, mute } from '../moderation/sanction-actions';
import type { RoomContext } from '../room-context';

export type ModerationMessage = ClientMessageOf<'owner' | OwnerActionType>;

export async function handleModeration(
  room: RoomContext,
  live: JoinedSocket,
  msg: ModerationMessage,
): Promise<void> {
  if (msg.type === 'owner') return proveOwnership(room, live, msg.token);
  if (!isOwner(live)) {
    room.audit.record('owner_refused', {
      user: live.att.name,
      code: msg.type === 'close_room' ? 'close' : msg.type,
    });
    room.outbox.error(live, 'not_owner');
    return;
  }
  switch (msg.type) {
    case 'topic':
      return setTopic(room, live, msg);
    case 'visibility':
      return setVisibility(room, live, msg);
    case 'slow_mode':
      return setSlowMode(room, live, msg);
    case 'kick':
      return kick(room, live, msg);
    case 'ban':
      return ban(room, live, msg);
    case 'mute':
      return mute(room, live, msg);
    case 'unban':
    case 'unmute':
      return lift(room, live, msg);
    case 'close_room':
      return closeRoom(room, live);
    default:
      msg satisfies never;
  }
}

async function proveOwnership(room: RoomContext, live: JoinedSocket, token: string): Promise<void> {
  const proof = await proveOwner(room.rules, room.moderation, token);
  if (!proof.owner) {
    // Never the token: only that a wrong one was presented.
    room.audit.record('owner_refused', { user: live.att.name, code: 'not_owner' });
    room.outbox.error(live, 'not_owner');
    return;
  }
  live.att.owner = true;
  if (proof.admin) live.att.admin = true;
  room.audit.record('owner_proved', { user: live.att.name, detail: { admin: proof.admin } });
  logEvent('owner_proved', { name: live.att.name, admin: proof.admin });
  room.outbox.send(live, { type: 'role', owner: true, admin: live.att.admin === true });
}

function setTopic(room: RoomContext, live: JoinedSocket, msg: ClientMessageOf<'topic'>): void {
  // One line: runs of white space (newlines too) become one space.
  const topic = msg.topic.replace(/\s+/g, ' ').trim();
  room.moderation.update({ topic });
  room.audit.record('moderation', { user: live.att.name, code: 'topic', size: topic.length });
  settingsChanged(room);
  announce(room, { action: 'topic', topic });
}

function setVisibility(room: RoomContext, live: JoinedSocket, msg: ClientMessageOf<'visibility'>): void {
  if (msg.listed && room.rooms.isLink()) {
    room.outbox.error(live, 'always_unlisted');
    return;
  }
  room.moderation.update({ listed: msg.listed });
  room.audit.record('moderation', {
    user: live.att.name,
    code: 'visibility',
    detail: { listed: msg.listed },
  });
  settingsChanged(room);
  announce(room, { action: 'visibility', listed: msg.listed });
}

function setSlowMode(room: RoomContext, live: JoinedSocket, msg: ClientMessageOf<'slow_mode'>): void {
  room.moderation.update({ slowModeS: msg.seconds });
  room.audit.record('moderation', {
    user: live.att.name,
    code: 'slow_mode',
    detail: { seconds: msg.seconds },
  });
  settingsChanged(room);
  announce(room, { action: 'slow_mode', seconds: msg.seconds });
}

async function closeRoom(room: RoomContext, live: JoinedSocket): Promise<void> {
  logEvent('room_closed', { by: live.att.name, members: room.members.size });
  announce(room, { action: 'close' });
  for (const member of room.members.values())
    room.outbox.send(member, { type: 'moderated', action: 'close' });
  // The audit log goes with the room: this event is purged with it, and the log line above stays.
  room.audit.record('moderation', { user: live.att.name, code: 'close' });
  await room.closeRoom();
}
