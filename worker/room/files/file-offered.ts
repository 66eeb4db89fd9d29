// The file_offered message for a staged file: what a recipient is told when the upload is
// finished (file-room.ts) and again when it resumes its session (file-membership.ts). A sealed
// private file's offer is its envelope, relayed as the room stored it, and the ciphertext's size.

import * as v from 'valibot';
import { SealedEnvelope } from '../../protocol/e2e-messages';
import type { ServerMessageOf } from '../../protocol/server-messages';
import type { FileRow } from './file-store';

export function offerFor(file: FileRow): ServerMessageOf<'file_offered'> {
  if (file.envelope !== null && file.toName !== null) {
    return {
      type: 'file_offered',
      fileId: file.fileId,
      from: file.uploader,
      to: file.toName,
      // Checked with SealedEnvelope before it was stored, and read back the same way: never cast.
      envelope: v.parse(SealedEnvelope, JSON.parse(file.envelope)),
      size: file.size,
      chunkSize: file.chunkSize,
      at: file.storedAt ?? file.createdAt,
    };
  }
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
