// Uploads: file_offer checks the limits and creates the file; chunks arrive in order from the
// uploader's socket, the first one decides the type, each is hashed and packed into a staged
// object (upload-pipeline.ts), encrypted and written to R2 and then acknowledged; after the last
// one the SHA-256 is checked and the recipients get the offer.

import { type Bytes, randomBytes, toHex } from '../../crypto/base64';
import type { FileChunk } from '../../protocol/chunk-codec';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol/errors';
import { sanitiseFileName } from '../../protocol/file-name';
import type { ServerMessageOf } from '../../protocol/server-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import { errorName, logEvent } from '../log';
import { releaseBuffer } from '../release-buffer';
import type { RoomContext } from '../room-context';
import { discardFile } from './file-cleanup';
import { hashStaged, UploadHasher } from './file-hasher';
import { expectedChunkBytes, objectBytes, stagingRefusal } from './file-limits';
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
  const now = room.now();
  const overQuota = stagingRefusal(limits, store.stagedBytes(uploaderKey, now), msg.size);
  if (overQuota) return refuse(overQuota);

  const fileId = toHex(randomBytes(16));
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
    objectChunks: limits.objectChunks,
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
    window: limits.uploadWindow,
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
    window: room.files.limits.uploadWindow,
  });
  await room.ensureAlarm(now + room.files.limits.uploadIdleMs);
}

/**
 * One chunk of an upload, already decrypted and decoded. Checked, hashed and accepted here, in
 * order; it is acknowledged once its object is in R2 (chunksStaged). Takes `chunk.data`: its
 * buffer is released once copied into the object.
 */
export async function handleFileChunk(room: RoomContext, live: LiveSocket, chunk: FileChunk): Promise<void> {
  const { store, uploads, hashers, limits } = room.files;
  const about = { fileId: chunk.fileId };
  // An upload under way keeps its row in memory: no SQLite read per chunk.
  let pipeline = uploads.get(chunk.fileId);
  const file = pipeline?.file ?? store.getFile(chunk.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  if (file.uploaderKey !== nameKey(live.att.name!) || room.members.get(file.uploaderKey) !== live) {
    return room.outbox.error(live, 'file_not_uploader', about);
  }
  if (file.state !== 'uploading' || pipeline?.ended) return room.outbox.error(live, 'file_finished', about);
  if (!pipeline) {
    pipeline = newPipeline(room, file);
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
    const type = await checkFileType(chunk.data, file.declaredMime, limits.allowedTypes);
    if (!type.ok) {
      logEvent('file_type_refused', { fileId: file.fileId, detected: type.detected, code: type.code });
      return failUpload(room, file, type.code);
    }
    store.setMime(file.fileId, type.mime);
    file.mime = type.mime;
  }
  let hasher = hashers.get(file.fileId);
  if (!hasher && chunk.index === 0) {
    hasher = new UploadHasher();
    hashers.set(file.fileId, hasher);
  }
  // A sender keeping to the window never waits here: it has at most that many chunks unacknowledged.
  await pipeline.room(Math.ceil(limits.uploadWindow / file.objectChunks) + 1);
  const head = pipeline.missingHead(chunk.index);
  if (head !== null && !(await restoreHead(room, file, pipeline, head))) {
    return failUpload(room, file, 'internal');
  }
  if (pipeline.ended) return; // cancelled or expired while this chunk waited
  pipeline.accept(chunk.data);
  // The in-memory stream is lost on eviction; finishUpload then hashes the staged objects instead.
  // Nothing here waits on I/O: chat frames queued behind this chunk go on at once.
  if (hasher && hasher.fed === chunk.index) hasher.add(chunk.data, true);
  else releaseBuffer(chunk.data);
}

function newPipeline(room: RoomContext, file: FileRow): UploadPipeline<FileRow> {
  const { staging, limits } = room.files;
  const { fileId, key } = file;
  return new UploadPipeline(
    fileId,
    file,
    file.next,
    {
      write: async (object, plain, complete) => {
        // The sender paused mid-object: fine now and then, a cost (the object is written twice) if often.
        if (plain.byteLength < objectBytes(file, object)) {
          logEvent('file_stage_partial', { fileId, object, bytes: plain.byteLength });
        }
        try {
          await staging.put(fileId, object, key, plain, complete);
        } catch (error) {
          logEvent('file_stage_error', { fileId, object, error: errorName(error) });
          throw error;
        }
      },
      staged: (from, to, ok) => room.defer(() => chunksStaged(room, fileId, from, to, ok)),
      defer: (task) => void room.defer(task),
    },
    limits.partialFlushMs,
    limits.maxObjectWrites,
  );
}

/** After an eviction, the chunks of a partly written object come back from R2 before the next one joins them. */
async function restoreHead(
  room: RoomContext,
  file: FileRow,
  pipeline: UploadPipeline<FileRow>,
  object: number,
): Promise<boolean> {
  let head: Bytes | null;
  try {
    head = await room.files.staging.get(file.fileId, object, file.key);
  } catch (error) {
    logEvent('file_read_error', { fileId: file.fileId, error: errorName(error) });
    return false;
  }
  if (!head) return false;
  const restored = pipeline.restore(object, head);
  releaseBuffer(head);
  logEvent('file_restore', { fileId: file.fileId, object, restored });
  return restored;
}

/** Chunks from..to-1 reached R2 (or failed to): record them, acknowledge them, and finish after the last. */
async function chunksStaged(
  room: RoomContext,
  fileId: string,
  from: number,
  to: number,
  ok: boolean,
): Promise<void> {
  const { store, uploads } = room.files;
  const pipeline = uploads.get(fileId);
  // Refused or cancelled meanwhile: that already told the sender and cleaned up.
  if (!pipeline || pipeline.ended) return;
  const { file } = pipeline;
  if (!ok) return failUpload(room, file, 'internal');
  file.next = to;
  // Every chunk but the last is full (handleFileChunk checked each one's size).
  file.bytes = Math.min(file.size, to * file.chunkSize);
  store.recordChunk(fileId, file.next, file.bytes, room.now());
  const uploader = room.members.get(file.uploaderKey);
  if (uploader) {
    for (let index = from; index < to; index++)
      room.outbox.send(uploader, { type: 'file_ack', fileId, index });
  }
  if (file.bytes === file.size) await finishUpload(room, uploader, file);
}

/** The last chunk is in: check the whole file, then offer it to its recipients. */
async function finishUpload(
  room: RoomContext,
  uploader: LiveSocket | undefined,
  file: FileRow,
): Promise<void> {
  const { store, staging, hashers, uploads, limits } = room.files;
  uploads.get(file.fileId)?.end();
  uploads.delete(file.fileId);
  const chunks = file.next;
  const hasher = hashers.get(file.fileId);
  hashers.delete(file.fileId);
  let digest: string | null;
  try {
    if (hasher && hasher.fed === chunks) {
      digest = await hasher.finish();
    } else {
      hasher?.abort();
      logEvent('file_rehash', { fileId: file.fileId, chunks });
      digest = await hashStaged(staging, file.fileId, file.key, file);
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
  room.files.uploads.get(file.fileId)?.end();
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
