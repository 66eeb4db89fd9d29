// The file part of the room's alarm: staged files past their TTL and uploads with no chunk for
// UPLOAD_IDLE_MS (a sender who vanished) are deleted, and the next due time is reported so the
// alarm can be set for it.

import { ERROR_MESSAGES } from '../../protocol/errors';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { discardFile } from './file-cleanup';

export async function sweepFiles(room: RoomContext, now: number): Promise<void> {
  const { store, limits } = room.files;
  for (const file of store.due(now, limits.uploadIdleMs)) {
    const abandoned = file.state === 'uploading' && file.expiresAt > now;
    logEvent('file_expired', { fileId: file.fileId, state: file.state, abandoned, bytes: file.bytes });
    room.audit.record('file_expired', {
      user: file.uploader,
      peer: file.toName,
      size: file.size,
      ref: file.fileId,
      detail: { abandoned },
    });
    const uploader = room.members.get(file.uploaderKey);
    if (uploader && file.state === 'uploading') {
      room.outbox.send(uploader, {
        type: 'file_failed',
        fileId: file.fileId,
        code: 'file_expired',
        message: ERROR_MESSAGES.file_expired,
      });
    }
    await discardFile(room, file.fileId, abandoned ? 'abandoned' : 'expired');
  }
}

/** When the sweep next has something to do, or null when there are no files. */
export function nextFileDue(room: RoomContext): number | null {
  return room.files.store.nextDue(room.files.limits.uploadIdleMs);
}
