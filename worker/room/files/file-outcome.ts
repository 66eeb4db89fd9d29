// How a transfer ends for each side: a recipient's file_done (verified and kept) or file_decline,
// and file_cancel from the sender (the upload stops or the offer is withdrawn) or from a recipient
// (its download stops). The other side is told; the file goes once no recipient is left waiting.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { type RecipientState, SETTLED } from './file-store';

type Outcome = ClientMessageOf<'file_done'> | ClientMessageOf<'file_decline'>;
type OutcomeRoomPart = Pick<RoomContext, 'files' | 'members' | 'outbox' | 'audit'>;

/** file_done or file_decline from a recipient. */
export async function handleFileOutcome(
  room: OutcomeRoomPart,
  live: JoinedSocket,
  msg: Outcome,
): Promise<void> {
  const { store } = room.files;
  const about = { fileId: msg.fileId };
  const file = store.getFile(msg.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  const by = live.att.name;
  const key = nameKey(by);
  const recipient = store.getRecipient(file.fileId, key);
  if (!recipient) return room.outbox.error(live, 'file_forbidden', about);
  if (SETTLED.has(recipient.state)) return room.outbox.error(live, 'file_finished', about);
  const state: RecipientState = msg.type === 'file_done' ? 'delivered' : 'declined';
  room.files.stopDownloads(file.fileId, key);
  store.setRecipientState(file.fileId, key, state);
  logEvent(msg.type === 'file_done' ? 'file_delivered' : 'file_declined', { fileId: file.fileId, by });
  room.audit.record(msg.type === 'file_done' ? 'file_completed' : 'file_declined', {
    user: by,
    peer: file.uploader,
    size: file.size,
    ref: file.fileId,
  });
  const uploader = room.members.get(file.uploaderKey);
  if (uploader) {
    room.outbox.send(uploader, {
      type: msg.type === 'file_done' ? 'file_delivered' : 'file_declined',
      fileId: file.fileId,
      by,
    });
  }
  await room.files.settle(file.fileId);
}

export async function handleFileCancel(
  room: OutcomeRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'file_cancel'>,
): Promise<void> {
  const { store } = room.files;
  const about = { fileId: msg.fileId };
  const file = store.getFile(msg.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  const by = live.att.name;
  const key = nameKey(by);
  // The sender withdraws the file: every recipient still waiting is told, and the file goes.
  if (file.uploaderKey === key) return room.files.cancel(file, live);

  const recipient = store.getRecipient(file.fileId, key);
  if (!recipient) return room.outbox.error(live, 'file_forbidden', about);
  if (SETTLED.has(recipient.state)) return room.outbox.error(live, 'file_finished', about);
  // A recipient stops its own download; for the others the file stays.
  room.files.stopDownloads(file.fileId, key);
  store.setRecipientState(file.fileId, key, 'cancelled');
  logEvent('file_cancelled', { fileId: file.fileId, by, state: file.state, told: 1 });
  room.audit.record('file_cancelled', { user: by, peer: file.uploader, size: file.size, ref: file.fileId });
  const uploader = room.members.get(file.uploaderKey);
  const cancelled = { type: 'file_cancelled', fileId: file.fileId, by } as const;
  room.outbox.broadcast(uploader ? [live, uploader] : [live], cancelled);
  await room.files.settle(file.fileId);
}
