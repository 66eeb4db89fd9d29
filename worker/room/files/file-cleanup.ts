// Removing a file: its running downloads stop, its rows (and with them its key) leave SQLite, and
// its staged objects leave R2. Used when every recipient is done, on cancel, failure and expiry.

import { logEvent } from '../log';
import type { RoomContext } from '../room-context';

/** Order matters: the rows go first, so a chunk or request racing the R2 deletes finds nothing. */
export async function discardFile(room: RoomContext, fileId: string, reason: string): Promise<void> {
  const { store, staging, hashers, uploads } = room.files;
  room.files.stopDownloads(fileId);
  hashers.get(fileId)?.abort();
  hashers.delete(fileId);
  const pipeline = uploads.get(fileId);
  pipeline?.end();
  uploads.delete(fileId);
  store.deleteFile(fileId);
  // A write still in flight would land after the deletes below and never be found again.
  await pipeline?.drained();
  const objects = await staging.deleteAll(fileId);
  logEvent('file_deleted', { fileId, reason, objects });
}

/** Deletes a staged file once every recipient has downloaded, declined or cancelled it. */
export async function settleFile(room: RoomContext, fileId: string): Promise<void> {
  const file = room.files.store.getFile(fileId);
  if (file?.state === 'stored' && room.files.store.unsettled(fileId) === 0) {
    await discardFile(room, fileId, 'settled');
  }
}
