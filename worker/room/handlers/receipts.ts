// Read receipts for private messages. A recipient's client says "every message from X up to id N
// was delivered (or seen)"; the room checks that N really is a private message from X to this
// session, keeps the highest values per pair of sessions, and tells the sender. A client cannot
// acknowledge a message it never received, and receipts outlive reconnects on either side.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import type { Receipt } from '../messages/message-store';
import type { RoomContext } from '../room-context';

export async function handleReceipt(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'receipt'>,
): Promise<void> {
  const session = live.att.session!;
  const seen = msg.seen ?? 0;
  const delivered = Math.max(msg.delivered ?? 0, seen);
  if (delivered === 0) return room.outbox.error(live, 'bad_field', { detail: 'delivered' });
  let fromSession: string | null = null;
  for (const id of seen === 0 ? [delivered] : [...new Set([delivered, seen])]) {
    const proof = room.messages.receivedBy(id, session);
    if (
      !proof ||
      nameKey(proof.fromName) !== nameKey(msg.from) ||
      (fromSession ?? proof.fromSession) !== proof.fromSession
    ) {
      return room.outbox.error(live, 'bad_receipt', { detail: String(id) });
    }
    fromSession = proof.fromSession;
  }
  const stored = room.messages.raiseReceipt(fromSession!, {
    toSession: session,
    toName: live.att.name!,
    delivered,
    seen,
  });
  const sender = room.members.get(nameKey(msg.from));
  if (sender?.att.session === fromSession) sendReceipt(room, sender, stored);
}

/** A resumed session gets the receipts for everything it sent. */
export function receiptsOnJoin(room: RoomContext, live: LiveSocket): void {
  for (const receipt of room.messages.receiptsOf(live.att.session!)) sendReceipt(room, live, receipt);
}

function sendReceipt(room: RoomContext, to: LiveSocket, r: Receipt): void {
  room.outbox.send(to, { type: 'receipt', peer: r.toName, delivered: r.delivered, seen: r.seen });
}
