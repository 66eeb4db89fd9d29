// Uploads: file_offer checks the limits and creates the file; chunks arrive in order from the
// uploader's socket, the first one decides the type, each is hashed, encrypted and staged in R2
// and acknowledged; after the last one the SHA-256 is checked and the recipients get the offer.

import { randomBytes, toHex } from '../../crypto/base64';
import type { FileChunk } from '../../protocol/chunk-codec';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol/errors';
import { sanitiseFileName } from '../../protocol/file-name';
import type { ServerMessageOf } from '../../protocol/server-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { discardFile } from './file-cleanup';
import { hashStaged, UploadHasher } from './file-hasher';
import { chunkCount, expectedChunkBytes } from './file-limits';
import type { FileRow } from './file-store';
import { checkFileType, isNoClaim, normaliseMime } from './file-type-check';
import { newFileKey } from './staging';
import { UploadPipeline } from './upload-pipeline';

export async function handleFileOffer(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'file_offer'>,
): Promise<void> {
  const { limits, store } = room.files;
  const refuse = (code: ErrorCode, detail?: string) => {
    logEvent('file_refused', { code, size: msg.size });
    room.audit.record('file_refused', { user: live.att.name!, code, size: msg.size });
    room.outbox.error(live, code, { ref: msg.ref, ...(detail === undefined ? {} : { detail }) });
  };
  if (msg.size <= 0) return refuse('file_empty');
  if (msg.size > limits.maxBytes) return refuse('file_too_large');
  let recipient: LiveSocket | undefined;
  if (msg.to !== undefined) {
    recipient = usernameProblem(msg.to) ? undefined : room.members.get(nameKey(msg.to));
    if (!recipient) return refuse('unknown_user', msg.to.slice(0, 32));
    if (recipient === live) return refuse('self_message');
  }
  // The content decides the type (on the first chunk); a claim that is already refused fails early.
  const claim = normaliseMime(msg.mime);
  if (!isNoClaim(claim) && !limits.allowedTypes.has(claim)) {
    return refuse('file_type_refused');
  }
  const uploader = live.att.name!;
  const uploaderKey = nameKey(uploader);
  if (room.files.store.countUploading(uploaderKey) >= limits.maxParallelUploads)
    return refuse('file_too_many');

  const fileId = toHex(randomBytes(16));
  const now = room.now();
  store.createFile({
    fileId,
    uploaderKey,
    uploader,
    toKey: recipient ? nameKey(recipient.att.name!) : null,
    toName: recipient ? recipient.att.name! : null,
    ref: msg.ref,
    name: sanitiseFileName(msg.name),
    size: msg.size,
    declaredMime: msg.mime.slice(0, 100),
    sha256: msg.sha256,
    chunkSize: limits.chunkBytes,
    key: newFileKey(),
    createdAt: now,
    touchedAt: now,
    expiresAt: now + limits.ttlMs,
  });
  room.files.hashers.set(fileId, new UploadHasher());
  logEvent('file_offer', { fileId, from: uploader, to: recipient?.att.name ?? null, size: msg.size });
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
    window: limits.window,
  });
  await room.ensureAlarm(now + limits.uploadIdleMs);
}

/** The uploader is back after a reconnect: tell it where to continue. */
export async function handleFileResume(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'file_resume'>,
): Promise<void> {
  const file = room.files.store.getFile(msg.fileId);
  const about = { fileId: msg.fileId };
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  if (file.uploaderKey !== nameKey(live.att.name!))
    return room.outbox.error(live, 'file_not_uploader', about);
  if (file.state !== 'uploading') return room.outbox.error(live, 'file_finished', about);
  const now = room.now();
  room.files.store.recordChunk(file.fileId, file.next, file.bytes, now);
  // Chunks still on their way to R2 count: their acks go to this socket.
  const next = room.files.uploads.get(file.fileId)?.accepted ?? file.next;
  logEvent('file_resume', { fileId: file.fileId, next });
  room.outbox.send(live, {
    type: 'file_ready',
    ref: file.ref,
    fileId: file.fileId,
    next,
    chunkSize: file.chunkSize,
    window: room.files.limits.window,
  });
  await room.ensureAlarm(now + room.files.limits.uploadIdleMs);
}

/**
 * One chunk of an upload, already decrypted and decoded. Checked, hashed and accepted here, in
 * order; its R2 write completes in chunkStaged.
 */
export async function handleFileChunk(room: RoomContext, live: LiveSocket, chunk: FileChunk): Promise<void> {
  const { store, staging, uploads, hashers } = room.files;
  const about = { fileId: chunk.fileId };
  const file = store.getFile(chunk.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  if (file.uploaderKey !== nameKey(live.att.name!) || room.members.get(file.uploaderKey) !== live) {
    return room.outbox.error(live, 'file_not_uploader', about);
  }
  let pipeline = uploads.get(file.fileId);
  if (file.state !== 'uploading' || pipeline?.ended) return room.outbox.error(live, 'file_finished', about);
  if (!pipeline) {
    pipeline = new UploadPipeline(file.fileId, file.next, file.bytes);
    uploads.set(file.fileId, pipeline);
  }
  const size = chunk.data.byteLength;
  if (size > file.chunkSize) return room.outbox.error(live, 'file_chunk_too_large', about);
  if (chunk.index !== pipeline.accepted) {
    const detail = `expected chunk ${pipeline.accepted}`;
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail });
  }
  // Every chunk but the last is full, so each chunk's size is known: a short one means the file is
  // smaller than declared, a longer last one that it is bigger.
  if (size !== expectedChunkBytes(file.size, file.chunkSize, chunk.index)) {
    return failUpload(room, file, 'file_size_mismatch');
  }
  if (chunk.index === 0) {
    const type = await checkFileType(chunk.data, file.declaredMime, room.files.limits.allowedTypes);
    if (!type.ok) {
      logEvent('file_type_refused', { fileId: file.fileId, detected: type.detected, code: type.code });
      return failUpload(room, file, type.code);
    }
    store.setMime(file.fileId, type.mime);
  }
  let hasher = hashers.get(file.fileId);
  if (!hasher && chunk.index === 0) {
    hasher = new UploadHasher();
    hashers.set(file.fileId, hasher);
  }
  // The in-memory stream is lost on eviction; finishUpload then hashes the staged chunks instead.
  if (hasher && hasher.fed === chunk.index) await hasher.add(chunk.data);
  await pipeline.room(room.files.limits.window);
  pipeline.accepted++;
  pipeline.acceptedBytes += size;
  const write = staging.put(file.fileId, chunk.index, file.key, chunk.data).catch((error: unknown) => {
    logEvent('file_stage_error', { fileId: file.fileId, index: chunk.index, error: errorName(error) });
    throw error;
  });
  pipeline.add(write, (ok) => room.defer(() => chunkStaged(room, file.fileId, chunk.index, size, ok)));
}

/** Chunk `index` reached R2 (or failed to): record it, acknowledge it, and finish after the last. */
async function chunkStaged(
  room: RoomContext,
  fileId: string,
  index: number,
  size: number,
  ok: boolean,
): Promise<void> {
  const { store, uploads } = room.files;
  const file = store.getFile(fileId);
  const pipeline = uploads.get(fileId);
  // Refused or cancelled meanwhile: that already told the sender and cleaned up.
  if (file?.state !== 'uploading' || !pipeline || pipeline.ended) return;
  if (!ok) return failUpload(room, file, 'internal');
  file.next = index + 1;
  file.bytes += size;
  store.recordChunk(fileId, file.next, file.bytes, room.now());
  const uploader = room.members.get(file.uploaderKey);
  if (uploader) room.outbox.send(uploader, { type: 'file_ack', fileId, index });
  if (file.bytes === file.size) await finishUpload(room, uploader, file);
}

/** The last chunk is in: check the whole file, then offer it to its recipients. */
async function finishUpload(
  room: RoomContext,
  uploader: LiveSocket | undefined,
  file: FileRow,
): Promise<void> {
  const { store, staging, hashers, uploads, limits } = room.files;
  uploads.delete(file.fileId);
  const chunks = chunkCount(file.size, file.chunkSize);
  const hasher = hashers.get(file.fileId);
  hashers.delete(file.fileId);
  let digest: string | null;
  try {
    if (hasher && hasher.fed === chunks) {
      digest = await hasher.finish();
    } else {
      hasher?.abort();
      logEvent('file_rehash', { fileId: file.fileId, chunks });
      digest = await hashStaged(staging, file.fileId, file.key, chunks);
    }
  } catch (error) {
    logEvent('file_hash_error', { fileId: file.fileId, error: errorName(error) });
    digest = null;
  }
  if (digest === null) return failUpload(room, file, 'internal');
  if (digest !== file.sha256) return failUpload(room, file, 'file_hash_mismatch');
  if (file.bytes !== file.size) return failUpload(room, file, 'file_size_mismatch');

  const now = room.now();
  const recipients = file.toKey
    ? [{ key: file.toKey, name: file.toName!, live: room.members.get(file.toKey) }]
    : [...room.members.entries()]
        .filter(([key]) => key !== file.uploaderKey)
        .map(([key, member]) => ({ key, name: member.att.name!, live: member as LiveSocket | undefined }));
  // Everyone else left during the upload: say so rather than store a file nobody can fetch.
  if (recipients.length === 0) return failUpload(room, file, 'file_no_recipients');
  const expiresAt = now + limits.ttlMs;
  const stored = { ...store.getFile(file.fileId)!, storedAt: now };
  store.markStored(file.fileId, now, expiresAt, recipients);
  logEvent('file_stored', {
    fileId: file.fileId,
    size: file.size,
    mime: stored.mime,
    recipients: recipients.length,
  });
  // The type the content was checked to be (one of ALLOWED_FILE_TYPES), not the one it claimed.
  room.audit.record('file_uploaded', {
    user: file.uploader,
    peer: file.toName,
    size: file.size,
    ref: file.fileId,
    detail: { type: stored.mime ?? 'unknown', recipients: recipients.length },
  });
  if (uploader) room.outbox.send(uploader, { type: 'file_stored', fileId: file.fileId });
  const online = recipients.flatMap((r) => (r.live ? [r.live] : []));
  room.outbox.broadcast(online, offerFor(stored));
  await room.ensureAlarm(expiresAt);
}

/** The file_offered message for a staged file. */
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

/** Refuses an upload after it started: its staged chunks go, and the sender is told why. */
async function failUpload(room: RoomContext, file: FileRow, code: ErrorCode): Promise<void> {
  const pipeline = room.files.uploads.get(file.fileId);
  if (pipeline) pipeline.ended = true;
  logEvent('file_failed', { fileId: file.fileId, code, bytes: file.bytes });
  room.audit.record('file_failed', {
    user: file.uploader,
    peer: file.toName,
    size: file.size,
    code,
    ref: file.fileId,
  });
  const uploader = room.members.get(file.uploaderKey);
  if (uploader) {
    room.outbox.send(uploader, {
      type: 'file_failed',
      fileId: file.fileId,
      code,
      message: ERROR_MESSAGES[code],
    });
  }
  await discardFile(room, file.fileId, 'failed');
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
