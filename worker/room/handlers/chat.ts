// Public and private chat messages: checked, given the room's time and a stable id, stored at the
// room's next flush before any copy leaves (worker/room/messages, write-behind.ts), then re-encrypted
// for each recipient. The sender's own copy carries its client id as the receipt.
// A Lobby message that mentions @everyone is refused (everyone_not_allowed) unless the sender is
// the room admin. A muted member, or one in slow mode's wait, is refused (moderation/posting-guard.ts).
// A private message sealed end to end (`envelope`) is checked for shape and size only (the protocol
// schema bounds it by MAX_ENVELOPE_BYTES), stored and relayed as it is: the room cannot read it.
// A fresh sender's keys not yet announced go to the recipient just before it (keys-ahead.ts).

import type { ClientMessageOf } from '../../protocol/client-messages';
import { MAX_CLOCK_SKEW_MS } from '../../protocol/limits';
import { mentionsEveryone } from '../../protocol/mentions';
import { messageTextProblem } from '../../protocol/message-text';
import type { ServerMessageOf } from '../../protocol/server-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { sendKeysAhead } from '../keys-ahead';
import { logEvent } from '../log';
import type { MessageBody } from '../messages/message-store';
import { postingRefusal } from '../moderation/posting-guard';
import type { RoomContext } from '../room-context';
import { replyAllowed } from './message-events';

type Outgoing = ClientMessageOf<'msg'> | ClientMessageOf<'pm'>;
type ChatRoomPart = Pick<
  RoomContext,
  | 'audit'
  | 'outbox'
  | 'now'
  | 'store'
  | 'messages'
  | 'typing'
  | 'members'
  | 'rooms'
  | 'moderation'
  | 'presence'
  | 'writes'
>;

/** Shared checks; returns false (after telling the sender) when the message must not go out. */
async function accept(room: ChatRoomPart, live: JoinedSocket, msg: Outgoing): Promise<boolean> {
  if (msg.cid <= live.att.lastCid) {
    // Resent after a reconnect, but the room handled it already: confirm it, do not repeat it.
    room.outbox.send(live, { type: 'ack', cid: msg.cid });
    return false;
  }
  const problem = msg.text === undefined ? null : messageTextProblem(msg.text);
  if (problem) {
    room.audit.record('protocol_error', { user: live.att.name, code: problem, size: msg.text?.length ?? 0 });
    room.outbox.error(live, problem, { cid: msg.cid });
    return false;
  }
  if (msg.type === 'msg' && !live.att.admin && mentionsEveryone(msg.text)) {
    // Only a socket that proved the ADMIN_TOKEN at its join may ring every member (handlers/join.ts).
    room.outbox.error(live, 'everyone_not_allowed', { cid: msg.cid });
    return false;
  }
  if (Math.abs(msg.ts - room.now()) > MAX_CLOCK_SKEW_MS) {
    room.audit.record('protocol_error', { user: live.att.name, code: 'clock_skew' });
    room.outbox.error(live, 'clock_skew', { cid: msg.cid });
    return false;
  }
  if (msg.reply_to !== undefined && !replyAllowed(room, live, msg.reply_to, msg.cid, msg.type === 'msg')) {
    return false;
  }
  // Last: a Lobby message that passes here counts for slow mode (moderation/posting-guard.ts).
  const refusal = postingRefusal(room.moderation, live, msg.type === 'msg', room.now());
  if (refusal) {
    room.outbox.error(live, refusal.code, { cid: msg.cid, retryMs: refusal.retryMs, detail: refusal.detail });
    return false;
  }
  return true;
}

/**
 * Marks the message as handled, in the attachment now and in SQLite with the message's row, at the
 * next flush (see RoomStore.recordCid and write-behind.ts).
 */
function markHandled(room: ChatRoomPart, live: JoinedSocket, cid: number): void {
  live.att.lastCid = cid;
  const key = nameKey(live.att.name);
  const session = live.att.session;
  room.writes.defer(() => room.store.recordCid(key, session, cid));
}

export async function handlePublic(
  room: ChatRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'msg'>,
): Promise<void> {
  if (!(await accept(room, live, msg))) return;
  markHandled(room, live, msg.cid);
  const at = room.now();
  const from = live.att.name;
  const id = room.messages.add(
    {
      from,
      fromSession: live.att.session,
      cid: msg.cid,
      body: { text: msg.text },
      ts: msg.ts,
      at,
      replyTo: msg.reply_to,
    },
    at,
  );
  room.rooms.reporter.activity();
  const reply = msg.reply_to === undefined ? {} : { reply_to: msg.reply_to };
  const out = {
    type: 'msg',
    id,
    from,
    text: msg.text,
    ts: msg.ts,
    at,
    ...reply,
  } satisfies ServerMessageOf<'msg'>;
  room.typing.forget(from);
  // Its length only, for the admin chart of messages per hour; written with the message.
  const size = msg.text.length;
  room.writes.defer(() => room.audit.record('message', { user: from, size }, at));
  const others = [...room.members.values()].filter((m) => m !== live);
  room.outbox.publish(others, out);
  room.outbox.send(live, { ...out, cid: msg.cid });
}

/**
 * Who a private message goes to: an online member, or a name whose owner dropped and may still
 * resume (its reservation has not run out), so a network blip does not bounce a whisper.
 */
function recipientOf(
  room: ChatRoomPart,
  key: string,
): { name: string; session: string; live: JoinedSocket | null } | null {
  const member = room.members.get(key);
  if (member) return { name: member.att.name, session: member.att.session, live: member };
  const held = room.store.getReservation(key);
  if (!held?.session || (held.expiresAt !== null && held.expiresAt <= room.now())) return null;
  return { name: held.name, session: held.session, live: null };
}

export async function handlePrivate(
  room: ChatRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'pm'>,
): Promise<void> {
  if (!(await accept(room, live, msg))) return;
  const target = usernameProblem(msg.to) ? null : recipientOf(room, nameKey(msg.to));
  if (!target) {
    room.outbox.error(live, 'unknown_user', { cid: msg.cid, detail: msg.to.slice(0, 32) });
    return;
  }
  if (target.live === live) {
    room.outbox.error(live, 'self_message', { cid: msg.cid });
    return;
  }
  markHandled(room, live, msg.cid);
  const at = room.now();
  const from = live.att.name;
  const to = target.name;
  const body: MessageBody = msg.envelope ? { envelope: msg.envelope } : { text: msg.text ?? '' };
  const id = room.messages.add(
    {
      from,
      fromSession: live.att.session,
      to: { name: to, session: target.session },
      cid: msg.cid,
      body,
      ts: msg.ts,
      at,
      replyTo: msg.reply_to,
    },
    at,
  );
  const reply = msg.reply_to === undefined ? {} : { reply_to: msg.reply_to };
  const out = { type: 'pm', id, from, to, ...body, ts: msg.ts, at, ...reply } satisfies ServerMessageOf<'pm'>;
  room.typing.forget(from);
  // Sizes only: an envelope's length in bytes, a plaintext one's in UTF-16 units.
  const size = msg.envelope ? JSON.stringify(msg.envelope).length : (msg.text?.length ?? 0);
  logEvent('private_message', { from: out.from, to: out.to, size, sealed: msg.envelope !== undefined });
  room.writes.defer(() => room.audit.record('private_message', { user: from, peer: to, size }, at));
  room.outbox.send(live, { ...out, cid: msg.cid });
  // Someone in the middle of a reconnect gets it when they resume (handlers/history.ts), with the
  // sender's keys in its `joined`. Order matters: keys still waiting to be announced go first.
  if (!target.live) return;
  if (msg.envelope) sendKeysAhead(room, target.live, from);
  room.outbox.send(target.live, out);
}
