// Downloads: a recipient's file_accept starts a pump (download-pump.ts) that reads the staged
// objects from R2 one at a time, decrypts them with the file's key and queues their chunks for the
// recipient's socket as chunk payloads (sealed with its session key by the outbox). At most a
// window of chunks is unacknowledged, sized by the pace of the recipient's acks
// (download-window.ts); each file_ack lets another go. A file_accept {from} after a reconnect
// carries on where it stopped, and so does the next ack after an eviction. Progress is not written
// to SQLite per chunk: each write is a commit (an fsync in local workerd, on the thread that runs
// everything) that also holds every outgoing frame, chat included, until it is done.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { chunkCount } from './file-limits';
import { SETTLED } from './file-store';

export async function handleFileAccept(
  room: Pick<RoomContext, 'files' | 'outbox' | 'audit'>,
  live: JoinedSocket,
  msg: ClientMessageOf<'file_accept'>,
): Promise<void> {
  const { store } = room.files;
  const about = { fileId: msg.fileId };
  const file = store.getFile(msg.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  const by = live.att.name;
  const key = nameKey(by);
  const recipient = store.getRecipient(file.fileId, key);
  // Recipients are recorded once the file is staged, so this also refuses an upload in progress.
  if (!recipient || file.state !== 'stored') {
    logEvent('file_forbidden', { fileId: file.fileId, by });
    return room.outbox.error(live, 'file_forbidden', about);
  }
  if (SETTLED.has(recipient.state)) return room.outbox.error(live, 'file_finished', about);
  const chunks = chunkCount(file.size, file.chunkSize);
  const from = msg.from ?? 0;
  if (from > chunks) {
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail: `the file has ${chunks} chunks` });
  }
  // Only a recipient who already started may restart; a first download from 0 is no restart.
  const refused = room.files.startDownload(live, file, from, recipient.state === 'downloading');
  if (refused) {
    logEvent('file_restart_refused', { fileId: file.fileId, by });
    return room.outbox.error(live, refused, { ...about, detail: 'continue with file_accept {from}' });
  }
  logEvent('file_download', { fileId: file.fileId, by, from, chunks });
  room.audit.record('file_accepted', {
    user: by,
    peer: file.uploader,
    size: file.size,
    ref: file.fileId,
    detail: { fromChunk: from },
  });
}

/** A recipient acknowledges chunks 0..index (cumulative). */
export async function handleDownloadAck(
  room: Pick<RoomContext, 'files' | 'outbox'>,
  live: JoinedSocket,
  msg: ClientMessageOf<'file_ack'>,
): Promise<void> {
  const about = { fileId: msg.fileId };
  const refused = room.files.acknowledge(live, msg.fileId, msg.index);
  if (refused === 'file_unknown') return room.outbox.error(live, 'file_unknown', about);
  if (refused === 'file_chunk_order') {
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail: 'that chunk was not sent yet' });
  }
}
