// Joining with a username, or taking one back with a resume token after a reconnect.
// A bad or taken name is refused with its reason and the socket stays open for another try.

import { bytesEqual, randomBytes, toBase64Url } from '../../crypto/base64';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { CLOSE_CODES } from '../../protocol/errors';
import { PREVIOUS_TOKEN_GRACE_MS, RESERVATION_MS } from '../../protocol/limits';
import { remainingText } from '../../protocol/moderation-text';
import { nameKey, usernameProblem } from '../../protocol/username';
import { filesOnJoin } from '../files/file-membership';
import { markJoined, markUnjoined } from '../joined-socket';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import { visibleSettings } from '../moderation/announce';
import { proveOwner } from '../moderation/owner-proof';
import type { RoomContext } from '../room-context';
import { hashToken, type Reservation } from '../room-store';
import { historyOnJoin } from './history';
import { receiptsOnJoin } from './receipts';

const encoder = new TextEncoder();

export async function handleJoin(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'join'>,
): Promise<void> {
  // The room's signing key, made once: a member is sent it with the broadcast key (outbox.ts publish).
  await room.outbox.keys?.ready();
  if (live.att.name) {
    room.audit.record('join_rejected', { user: live.att.name, code: 'already_joined' });
    room.outbox.error(live, 'already_joined');
    return;
  }
  const problem = usernameProblem(msg.name);
  if (problem) {
    logEvent('join_rejected', { reason: problem });
    // Not the name itself: a refused name may be anything at all.
    room.audit.record('join_rejected', { code: problem });
    room.outbox.error(live, problem);
    return;
  }
  // Before the name is held: a wrong admin token leaves nothing behind (the client may try again).
  let admin = msg.admin !== undefined && (await room.rules.isAdminToken(msg.admin));
  if (msg.admin !== undefined && !admin) {
    logEvent('join_rejected', { reason: 'not_admin' });
    room.audit.record('join_rejected', { user: msg.name, code: 'not_admin' });
    room.outbox.error(live, 'not_admin');
    return;
  }
  // The same for an owner token (moderation/owner-proof.ts); the ADMIN_TOKEN owns every room.
  const proof = msg.owner === undefined ? null : await proveOwner(room.rules, room.moderation, msg.owner);
  if (proof && !proof.owner) {
    logEvent('join_rejected', { reason: 'not_owner' });
    room.audit.record('join_rejected', { user: msg.name, code: 'not_owner' });
    room.outbox.error(live, 'not_owner');
    return;
  }
  admin ||= proof?.admin === true;
  const owner = admin || proof?.owner === true;
  const key = nameKey(msg.name);
  const now = room.now();
  const reservation = room.store.getReservation(key);
  const usedHash = msg.resume === undefined ? null : await hashToken(msg.resume);
  // The reservation the resume token matched, if it did.
  const resumedFrom =
    reservation !== null && usedHash !== null && tokenMatches(usedHash, reservation, now)
      ? reservation
      : null;
  const tokenOk = resumedFrom !== null;
  // A ban holds the name and the session that had it: a resume is refused as well as a fresh join.
  const ban = owner ? null : room.moderation.active('ban', key, resumedFrom?.session ?? null, now);
  if (ban) {
    logEvent('join_rejected', { reason: 'banned' });
    room.audit.record('join_rejected', { user: msg.name, code: 'banned' });
    room.outbox.error(live, 'banned', {
      retryMs: ban.until - now,
      detail: `for ${remainingText(ban.until - now)}`,
    });
    room.disconnect(live, CLOSE_CODES.banned, 'banned', 'left');
    return;
  }
  const holder = room.members.get(key);
  const reserved = reservation !== null && (reservation.expiresAt === null || reservation.expiresAt > now);

  if ((holder && holder !== live) || reserved) {
    if (!tokenOk) {
      logEvent('join_rejected', { reason: 'name_taken' });
      room.audit.record('join_rejected', { user: msg.name, code: 'name_taken' });
      room.outbox.error(live, 'name_taken');
      return;
    }
  }

  let lastCid = live.att.lastCid;
  if (resumedFrom) lastCid = Math.max(lastCid, resumedFrom.lastCid);
  if (holder && holder !== live) {
    // The same user on a newer socket (a network blip the room had not noticed yet):
    // the old socket goes quietly, without a leave and a join.
    lastCid = Math.max(lastCid, holder.att.lastCid);
    markUnjoined(holder);
    holder.ws.serializeAttachment(holder.att);
    room.disconnect(holder, CLOSE_CODES.replaced, 'replaced by a newer connection', 'left');
  }

  // A resumed session keeps its private history; a new owner of the name starts a new one.
  const session = resumedFrom?.session || toBase64Url(randomBytes(16));
  const token = toBase64Url(randomBytes(32));
  // The token just used stays good for a while, or until the client shows it has the new one by
  // resuming with it: not for as long as its owner stays online.
  const previous =
    resumedFrom && usedHash ? { tokenHash: usedHash, expiresAt: now + PREVIOUS_TOKEN_GRACE_MS } : null;
  const tokenHash = await hashToken(token);
  // Order matters: a replaced socket's messages are written before the cid that covers them.
  room.writes.drain();
  room.store.holdName(key, msg.name, tokenHash, lastCid, session, previous);
  live.att.lastCid = lastCid;
  live.att.admin = admin;
  live.att.owner = owner;
  const joined = markJoined(live, msg.name, session);
  room.addMember(key, joined, !(holder && holder !== live));
  logEvent('joined', { name: msg.name, resumed: tokenOk, admin, owner, members: room.members.size });
  room.audit.record('join', { user: msg.name, detail: { resumed: tokenOk, members: room.members.size } });

  // Unsorted: the client sorts for display, and sorting here would cost O(n log n) per join.
  const users = [...room.members.values()].map((m) => m.att.name);
  const uploads = tokenOk ? room.files.store.uploadsBy(key) : [];
  // A new session's keys come with its publish_keys; a resumed one's are still in the directory.
  const keys = room.keys.current(now);
  const mute = owner ? null : room.moderation.active('mute', key, session, now);
  room.outbox.send(joined, {
    type: 'joined',
    name: msg.name,
    token,
    users,
    resumed: tokenOk,
    at: now,
    ...(uploads.length > 0 ? { uploads } : {}),
    ...(keys.length > 0 ? { keys } : {}),
    room: visibleSettings(room.moderation, room.rooms),
    ...(owner ? { owner: true } : {}),
    ...(mute ? { mutedUntil: mute.until } : {}),
  });
  historyOnJoin(room, joined, tokenOk, msg.since);
  if (tokenOk) receiptsOnJoin(room, joined);
  await filesOnJoin(room, joined, tokenOk);
  await room.ensureSweep();
}

/**
 * The current token, or until its time runs out the one its owner last resumed with (both compared
 * in full, in constant time).
 */
function tokenMatches(usedHash: string, reservation: Reservation, now: number): boolean {
  const used = encoder.encode(usedHash);
  const current = bytesEqual(used, encoder.encode(reservation.tokenHash));
  const previous =
    reservation.previousTokenHash !== null && bytesEqual(used, encoder.encode(reservation.previousTokenHash));
  return (
    current || (previous && reservation.previousExpiresAt !== null && now < reservation.previousExpiresAt)
  );
}

/** How long a departed user's name stays reserved. */
export function reservationExpiry(now: number): number {
  return now + RESERVATION_MS;
}
