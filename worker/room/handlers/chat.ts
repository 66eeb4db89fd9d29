// Public and private chat messages: checked, stamped with the room's time and an id, then
// re-encrypted for each recipient. The sender's own copy carries its client id as the receipt.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { MAX_CLOCK_SKEW_MS } from '../../protocol/limits';
import { messageTextProblem } from '../../protocol/message-text';
import type { ServerMessageOf } from '../../protocol/server-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';

type Outgoing = ClientMessageOf<'msg'> | ClientMessageOf<'pm'>;

/** Shared checks; returns false (after telling the sender) when the message must not go out. */
async function accept(room: RoomContext, live: LiveSocket, msg: Outgoing): Promise<boolean> {
  if (msg.cid <= live.att.lastCid) {
    // Resent after a reconnect, but the room handled it already: confirm it, do not repeat it.
    room.outbox.send(live, { type: 'ack', cid: msg.cid });
    return false;
  }
  const problem = messageTextProblem(msg.text);
  if (problem) {
    room.audit.record('protocol_error', { user: live.att.name!, code: problem, size: msg.text.length });
    room.outbox.error(live, problem, { cid: msg.cid });
    return false;
  }
  if (Math.abs(msg.ts - room.now()) > MAX_CLOCK_SKEW_MS) {
    room.audit.record('protocol_error', { user: live.att.name!, code: 'clock_skew' });
    room.outbox.error(live, 'clock_skew', { cid: msg.cid });
    return false;
  }
  return true;
}

/** Marks the message as handled, in the attachment and in SQLite (see RoomStore.recordCid). */
function markHandled(room: RoomContext, live: LiveSocket, cid: number): void {
  live.att.lastCid = cid;
  room.store.recordCid(nameKey(live.att.name!), cid);
}

export async function handlePublic(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'msg'>,
): Promise<void> {
  if (!(await accept(room, live, msg))) return;
  markHandled(room, live, msg.cid);
  // Its length only, for the admin chart of messages per hour.
  room.audit.record('message', { user: live.att.name!, size: msg.text.length });
  const out = {
    type: 'msg',
    id: room.nextMessageId(),
    from: live.att.name!,
    text: msg.text,
    ts: msg.ts,
    at: room.now(),
  } satisfies ServerMessageOf<'msg'>;
  const others = [...room.members.values()].filter((m) => m !== live);
  room.outbox.broadcast(others, out);
  room.outbox.send(live, { ...out, cid: msg.cid });
}

export async function handlePrivate(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'pm'>,
): Promise<void> {
  if (!(await accept(room, live, msg))) return;
  const recipient = usernameProblem(msg.to) ? undefined : room.members.get(nameKey(msg.to));
  if (!recipient) {
    room.outbox.error(live, 'unknown_user', { cid: msg.cid, detail: msg.to.slice(0, 32) });
    return;
  }
  if (recipient === live) {
    room.outbox.error(live, 'self_message', { cid: msg.cid });
    return;
  }
  markHandled(room, live, msg.cid);
  const out = {
    type: 'pm',
    id: room.nextMessageId(),
    from: live.att.name!,
    to: recipient.att.name!,
    text: msg.text,
    ts: msg.ts,
    at: room.now(),
  } satisfies ServerMessageOf<'pm'>;
  logEvent('private_message', { from: out.from, to: out.to, chars: msg.text.length });
  room.audit.record('private_message', { user: out.from, peer: out.to, size: msg.text.length });
  room.outbox.send(live, { ...out, cid: msg.cid });
  room.outbox.send(recipient, out);
}
