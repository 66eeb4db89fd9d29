// The file_offered message for a staged file: what a recipient is told when the upload is
// finished (file-room.ts) and again when it resumes its session (file-membership.ts).

import type { ServerMessageOf } from '../../protocol/server-messages';
import type { FileRow } from './file-store';

export function offerFor(file: FileRow): ServerMessageOf<'file_offered'> {
  return {
    type: 'file_offered',
    fileId: file.fileId,
    from: file.uploader,
    ...(file.toName === null ? {} : { to: file.toName }),
    name: file.name,
    size: file.size,
    mime: file.mime ?? 'application/octet-stream',
    sha256: file.sha256,
    chunkSize: file.chunkSize,
    at: file.storedAt ?? file.createdAt,
  };
}
