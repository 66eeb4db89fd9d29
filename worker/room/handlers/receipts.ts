// Read receipts for private messages. A recipient's client says "every message from X up to id N
// was delivered (or seen)"; the room checks that N really is a private message from X to this
// session, keeps the highest values per pair of sessions, and tells the sender. A client cannot
// acknowledge a message it never received, and receipts outlive reconnects on either side.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import type { LiveSocket } from '../live-socket';
import type { Receipt } from '../messages/message-store';
import type { RoomContext } from '../room-context';

type ReceiptRoomPart = Pick<RoomContext, 'outbox' | 'messages' | 'members'>;

export async function handleReceipt(
  room: ReceiptRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'receipt'>,
): Promise<void> {
  const session = live.att.session;
  const seen = msg.seen ?? 0;
  const delivered = Math.max(msg.delivered ?? 0, seen);
  if (delivered === 0) return room.outbox.error(live, 'bad_field', { detail: 'delivered' });
  // Both ids must be private messages from msg.from's session to this one (delivered ≥ seen).
  const proof = proofOf(room, delivered, session, msg.from);
  if (!proof) return room.outbox.error(live, 'bad_receipt', { detail: String(delivered) });
  const fromSession = proof.fromSession;
  if (
    seen !== 0 &&
    seen !== delivered &&
    proofOf(room, seen, session, msg.from)?.fromSession !== fromSession
  ) {
    return room.outbox.error(live, 'bad_receipt', { detail: String(seen) });
  }
  const stored = room.messages.raiseReceipt(fromSession, {
    toSession: session,
    toName: live.att.name,
    delivered,
    seen,
  });
  const sender = room.members.get(nameKey(msg.from));
  if (sender?.att.session === fromSession) sendReceipt(room, sender, stored);
}

/** Message `id` as received by `session`, when it is a private message from `from`. */
function proofOf(
  room: Pick<RoomContext, 'messages'>,
  id: number,
  session: string,
  from: string,
): { fromSession: string } | null {
  const proof = room.messages.receivedBy(id, session);
  return proof && nameKey(proof.fromName) === nameKey(from) ? proof : null;
}

/** A resumed session gets the receipts for everything it sent. */
export function receiptsOnJoin(room: Pick<RoomContext, 'outbox' | 'messages'>, live: JoinedSocket): void {
  for (const receipt of room.messages.receiptsOf(live.att.session)) sendReceipt(room, live, receipt);
}

function sendReceipt(room: Pick<RoomContext, 'outbox'>, to: LiveSocket, r: Receipt): void {
  room.outbox.send(to, { type: 'receipt', peer: r.toName, delivered: r.delivered, seen: r.seen });
}
