// The owner actions on one member: kick (disconnect, name released), ban (by name and by session, for
// a period; the member is disconnected and their joins are refused), mute (reads, cannot send) and
// their lifts. Each is audited, announced as a system line, and told to the member with the reason.
// An owner cannot be kicked, banned or muted (owner_immune). Used by handlers/moderation.ts; tested
// in test/worker/moderation-kick-ban.test.ts and moderation-mute.test.ts.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { CLOSE_CODES } from '../../protocol/errors';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { announce, tell } from './announce';
import type { SanctionKind } from './moderation-store';
import { isOwner } from './owner-proof';

export type SanctionRoom = Pick<
  RoomContext,
  'members' | 'outbox' | 'now' | 'moderation' | 'store' | 'audit' | 'disconnect'
>;

interface Target {
  key: string;
  name: string;
  session: string | null;
  live: JoinedSocket | null;
}

/** The member `typed` names: online, or a name still reserved, or (for a ban or mute) any valid name. */
function targetOf(
  room: SanctionRoom,
  owner: JoinedSocket,
  typed: string,
  onlineOnly: boolean,
): Target | null {
  if (usernameProblem(typed)) {
    room.outbox.error(owner, 'unknown_user', { detail: typed.slice(0, 32) });
    return null;
  }
  const key = nameKey(typed);
  const live = room.members.get(key) ?? null;
  if (live && isOwner(live)) {
    room.outbox.error(owner, 'owner_immune', { detail: live.att.name });
    return null;
  }
  if (live) return { key, name: live.att.name, session: live.att.session, live };
  if (onlineOnly) {
    room.outbox.error(owner, 'unknown_user', { detail: typed.slice(0, 32) });
    return null;
  }
  const held = room.store.getReservation(key);
  return { key, name: held?.name ?? typed, session: held?.session ?? null, live: null };
}

function audit(
  room: SanctionRoom,
  owner: JoinedSocket,
  action: 'kick' | SanctionKind | 'unban' | 'unmute',
  target: string,
  detail?: { minutes: number },
) {
  room.audit.record('moderation', {
    user: owner.att.name,
    peer: target,
    code: action,
    ...(detail ? { detail } : {}),
  });
  logEvent('moderation', { action, by: owner.att.name, name: target });
}

export function kick(room: SanctionRoom, owner: JoinedSocket, msg: ClientMessageOf<'kick'>): void {
  const target = targetOf(room, owner, msg.name, true);
  if (!target?.live) return;
  // Order matters: the reason is queued first, so it reaches the member before the close.
  tell(room, target.live, { action: 'kick', ...(msg.reason ? { reason: msg.reason } : {}) });
  room.disconnect(target.live, CLOSE_CODES.kicked, 'kicked by the room owner', 'kicked');
  room.store.dropReservation(target.key);
  audit(room, owner, 'kick', target.name);
  announce(room, { action: 'kick', name: target.name });
}

export function ban(room: SanctionRoom, owner: JoinedSocket, msg: ClientMessageOf<'ban'>): void {
  const target = targetOf(room, owner, msg.name, false);
  if (!target) return;
  const until = room.now() + msg.minutes * 60_000;
  room.moderation.impose({
    kind: 'ban',
    nameKey: target.key,
    name: target.name,
    session: target.session,
    until,
  });
  if (target.live) {
    tell(room, target.live, { action: 'ban', until, ...(msg.reason ? { reason: msg.reason } : {}) });
    room.disconnect(target.live, CLOSE_CODES.banned, 'banned by the room owner', 'kicked');
  }
  room.store.dropReservation(target.key);
  audit(room, owner, 'ban', target.name, { minutes: msg.minutes });
  announce(room, { action: 'ban', name: target.name, minutes: msg.minutes }, until);
}

export function mute(room: SanctionRoom, owner: JoinedSocket, msg: ClientMessageOf<'mute'>): void {
  const target = targetOf(room, owner, msg.name, false);
  if (!target) return;
  const until = room.now() + msg.minutes * 60_000;
  room.moderation.impose({
    kind: 'mute',
    nameKey: target.key,
    name: target.name,
    session: target.session,
    until,
  });
  if (target.live)
    tell(room, target.live, { action: 'mute', until, ...(msg.reason ? { reason: msg.reason } : {}) });
  audit(room, owner, 'mute', target.name, { minutes: msg.minutes });
  announce(room, { action: 'mute', name: target.name, minutes: msg.minutes }, until);
}

/** Lifts a ban or a mute; `unknown_user` when the name had none in force. */
export function lift(
  room: SanctionRoom,
  owner: JoinedSocket,
  msg: ClientMessageOf<'unban'> | ClientMessageOf<'unmute'>,
): void {
  const kind: SanctionKind = msg.type === 'unban' ? 'ban' : 'mute';
  const key = nameKey(msg.name);
  const active = room.moderation.active(kind, key, null, room.now());
  if (!room.moderation.lift(kind, key, room.now()) || !active) {
    room.outbox.error(owner, 'unknown_user', { detail: `no ${kind} on ${msg.name.slice(0, 32)}` });
    return;
  }
  const live = room.members.get(key);
  if (live && msg.type === 'unmute') tell(room, live, { action: 'unmute' });
  audit(room, owner, msg.type, active.name);
  announce(room, { action: msg.type, name: active.name });
}
