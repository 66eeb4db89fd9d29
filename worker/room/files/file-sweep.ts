// The file part of the room's alarm: staged files past their TTL and uploads with no chunk for
// UPLOAD_IDLE_MS (a sender who vanished) are deleted, everyone online still waiting on them is
// told (file_failed, file_expired), and the next due time is reported so the alarm can be set for it.

import { ERROR_MESSAGES } from '../../protocol/errors';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { SETTLED } from './file-store';

export async function sweepFiles(
  room: Pick<RoomContext, 'files' | 'members' | 'outbox' | 'audit'>,
  now: number,
): Promise<void> {
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
    // Everyone still waiting on it is told, so no card keeps offering a file that is gone: the
    // uploader of an unfinished upload, and each recipient who had not answered or finished.
    const notice = {
      type: 'file_failed',
      fileId: file.fileId,
      code: 'file_expired',
      message: ERROR_MESSAGES.file_expired,
    } as const;
    const uploader = room.members.get(file.uploaderKey);
    if (uploader && file.state === 'uploading') room.outbox.send(uploader, notice);
    for (const recipient of store.recipients(file.fileId)) {
      const member = SETTLED.has(recipient.state) ? undefined : room.members.get(recipient.nameKey);
      if (member) room.outbox.send(member, notice);
    }
    await room.files.discard(file.fileId, abandoned ? 'abandoned' : 'expired');
  }
}

/** When the sweep next has something to do, or null when there are no files. */
export function nextFileDue(room: Pick<RoomContext, 'files'>): number | null {
  return room.files.store.nextDue(room.files.limits.uploadIdleMs);
}
