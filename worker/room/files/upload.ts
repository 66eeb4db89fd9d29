// Uploads: file_offer checks the limits and creates the file; chunks arrive in order from the
// uploader's socket, the first one decides the type, and each one checked here is handed to the
// room's files (file-room.ts), which hash it, pack it into a staged object (upload-pipeline.ts),
// write it to R2, acknowledge it, and after the last one check the SHA-256 and offer the file.

import { randomBytes, toHex } from '../../crypto/base64';
import type { FileChunk } from '../../protocol/chunk-codec';
import type { ClientMessageOf } from '../../protocol/client-messages';
import type { ErrorCode } from '../../protocol/errors';
import { sanitiseFileName } from '../../protocol/file-name';
import { checkFileType, isNoClaim, normaliseMime } from '../../protocol/file-type-check';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { expectedChunkBytes, sealedMaxBytes, stagingRefusal } from './file-limits';
import { newFileKey } from './staging';

type UploadRoomPart = Pick<RoomContext, 'files' | 'members' | 'outbox' | 'audit' | 'now' | 'ensureAlarm'>;

export async function handleFileOffer(
  room: UploadRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'file_offer'>,
): Promise<void> {
  const { limits, store } = room.files;
  const refuse = (code: ErrorCode, detail?: string) => {
    logEvent('file_refused', { code, size: msg.size });
    room.audit.record('file_refused', { user: live.att.name, code, size: msg.size });
    room.outbox.error(live, code, { ref: msg.ref, ...(detail === undefined ? {} : { detail }) });
  };
  if (msg.size <= 0) return refuse('file_empty');
  // A sealed file's size is its ciphertext's: a little more than the plaintext the limit is about.
  const sealed = 'envelope' in msg ? msg : null;
  const plain = 'envelope' in msg ? null : msg;
  if (msg.size > (sealed ? sealedMaxBytes(limits) : limits.maxBytes)) return refuse('file_too_large');
  if (sealed && sealed.chunks !== Math.ceil(sealed.size / limits.chunkBytes))
    return refuse('file_sealed_chunks');
  let recipient: JoinedSocket | undefined;
  if (msg.to !== undefined) {
    recipient = usernameProblem(msg.to) ? undefined : room.members.get(nameKey(msg.to));
    if (!recipient) return refuse('unknown_user', msg.to.slice(0, 32));
    if (recipient === live) return refuse('self_message');
  }
  // The content decides the type (on the first chunk); a claim that is already refused fails early.
  // A sealed file's type is for its recipient to check: the room cannot see it.
  const claim = plain ? normaliseMime(plain.mime) : '';
  if (!isNoClaim(claim) && !limits.allowedTypes.has(claim)) {
    return refuse('file_type_refused');
  }
  const uploader = live.att.name;
  const uploaderKey = nameKey(uploader);
  if (room.files.store.countUploading(uploaderKey) >= limits.maxParallelUploads)
    return refuse('file_too_many');
  const now = room.now();
  const overQuota = stagingRefusal(limits, store.stagedBytes(uploaderKey, now), msg.size);
  if (overQuota) return refuse(overQuota);

  const fileId = toHex(randomBytes(16));
  room.files.startUpload({
    fileId,
    uploaderKey,
    uploader,
    toKey: recipient ? nameKey(recipient.att.name) : null,
    toName: recipient ? recipient.att.name : null,
    ref: msg.ref,
    // A sealed file's name, type and hash are inside its envelope, which the room cannot open.
    name: plain ? sanitiseFileName(plain.name) : '',
    size: msg.size,
    declaredMime: plain ? plain.mime.slice(0, 100) : '',
    sha256: plain ? plain.sha256 : '',
    envelope: sealed ? JSON.stringify(sealed.envelope) : null,
    chunkSize: limits.chunkBytes,
    objectChunks: limits.objectChunks,
    key: newFileKey(),
    createdAt: now,
    touchedAt: now,
    expiresAt: now + limits.ttlMs,
  });
  logEvent('file_offer', {
    fileId,
    from: uploader,
    to: recipient?.att.name ?? null,
    size: msg.size,
    sealed: sealed !== null,
  });
  // Its size, never its name: a file name is the sender's own text.
  room.audit.record('file_offered', {
    user: uploader,
    peer: recipient?.att.name ?? null,
    size: msg.size,
    ref: fileId,
  });
  room.outbox.send(live, {
    type: 'file_ready',
    ref: msg.ref,
    fileId,
    next: 0,
    chunkSize: limits.chunkBytes,
    window: limits.uploadWindow,
  });
  await room.ensureAlarm(now + limits.uploadIdleMs);
}

/** The uploader is back after a reconnect: tell it where to continue. */
export async function handleFileResume(
  room: UploadRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'file_resume'>,
): Promise<void> {
  const file = room.files.store.getFile(msg.fileId);
  const about = { fileId: msg.fileId };
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  if (file.uploaderKey !== nameKey(live.att.name)) return room.outbox.error(live, 'file_not_uploader', about);
  if (file.state !== 'uploading') return room.outbox.error(live, 'file_finished', about);
  const now = room.now();
  room.files.store.recordChunk(file.fileId, file.next, file.bytes, now);
  // Chunks still on their way to R2 count: their acks go to this socket.
  const next = room.files.nextChunk(file);
  logEvent('file_resume', { fileId: file.fileId, next });
  room.outbox.send(live, {
    type: 'file_ready',
    ref: file.ref,
    fileId: file.fileId,
    next,
    chunkSize: file.chunkSize,
    window: room.files.limits.uploadWindow,
  });
  await room.ensureAlarm(now + room.files.limits.uploadIdleMs);
}

/**
 * One chunk of an upload, already decrypted and decoded. Checked here, in order, then accepted by
 * the room's files; it is acknowledged once its object is in R2. Takes `chunk.data`: its buffer is
 * released once copied into the object.
 */
export async function handleFileChunk(
  room: Pick<RoomContext, 'files' | 'members' | 'outbox'>,
  live: JoinedSocket,
  chunk: FileChunk,
): Promise<void> {
  const { files } = room;
  const about = { fileId: chunk.fileId };
  // An upload under way keeps its row in memory: no SQLite read per chunk.
  const active = files.activeUpload(chunk.fileId);
  const file = active?.row ?? files.store.getFile(chunk.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  if (file.uploaderKey !== nameKey(live.att.name) || room.members.get(file.uploaderKey) !== live) {
    return room.outbox.error(live, 'file_not_uploader', about);
  }
  if (file.state !== 'uploading' || active?.pipeline.ended)
    return room.outbox.error(live, 'file_finished', about);
  const upload = active ?? files.resumeUpload(file);
  const size = chunk.data.byteLength;
  if (size > file.chunkSize) return room.outbox.error(live, 'file_chunk_too_large', about);
  if (chunk.index !== upload.pipeline.accepted) {
    const detail = `expected chunk ${upload.pipeline.accepted}`;
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail });
  }
  // Past the window announced in file_ready (`next` counts acknowledged chunks): refused, not held
  // in memory until R2 catches up. The sender continues with file_resume.
  if (chunk.index >= file.next + files.limits.uploadWindow) {
    const detail = `past the window of ${files.limits.uploadWindow} unacknowledged chunks`;
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail });
  }
  // Every chunk but the last is full, so each chunk's size is known: a short one means the file is
  // smaller than declared, a longer last one that it is bigger.
  if (size !== expectedChunkBytes(file.size, file.chunkSize, chunk.index)) {
    return files.fail(file, 'file_size_mismatch');
  }
  // A sealed file is ciphertext to the room: its recipient's client checks the type after decrypting.
  if (chunk.index === 0 && file.envelope === null) {
    const type = await checkFileType(chunk.data, file.declaredMime, files.limits.allowedTypes);
    if (!type.ok) {
      logEvent('file_type_refused', { fileId: file.fileId, detected: type.detected, code: type.code });
      return files.fail(file, type.code);
    }
    files.setMime(upload, type.mime);
  }
  await files.accept(upload, chunk.index, chunk.data);
}
