// The file-sharing protocol, inside the same encrypted session as chat. Control messages are
// JSON (schemas below); file data travels as binary chunk payloads (worker/protocol/chunk-codec.ts),
// so nothing is base64-encoded.
//
// Upload:   client file_offer → room file_ready {fileId, next, window} → client chunks (at most
//           `window` unacknowledged) → room file_ack per chunk once it is staged in R2 → after the
//           last chunk the room checks type (magic bytes), size and SHA-256 and sends file_offered
//           to the recipients and file_stored to the sender.
// Download: client file_accept {fileId, from} → room chunks (FILE_WINDOW_CHUNKS unacknowledged) →
//           client file_ack per chunk → client checks SHA-256, then file_done. file_decline tells
//           the sender. A download past the room's caps gets file_queued first; its chunks follow
//           when a slot is free.
// Either side: file_cancel. Resume after a reconnect: the sender sends file_resume {fileId} and
//           gets file_ready {next}; a recipient sends file_accept {fileId, from: <next chunk>}. A
//           sender told file_chunk_order (the room lost chunks it had not acknowledged, e.g. in an
//           eviction) asks with file_resume too.
// Private files sealed end to end (issue 12, docs/e2e.md): the offer carries an envelope instead of
//           name, type and hash, with the ciphertext's size and chunk count; the room stages what it
//           is sent without a type or hash check, and relays the envelope in file_offered. The
//           recipient's client decrypts, checks the type by content and the plaintext SHA-256.

import * as v from 'valibot';
import { SealedEnvelope } from './e2e-messages';

/** 32 lower-case hex characters (128 random bits). */
export const FileId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));
const Sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const ChunkIndex = v.pipe(v.number(), v.integer(), v.minValue(0));

// ---- client → room ------------------------------------------------------------------------

export const FileOfferRequest = v.object({
  type: v.literal('file_offer'),
  /** The client's own id for this upload, echoed in file_ready. */
  ref: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** A username for a private file; absent for the Lobby. */
  to: v.optional(v.string()),
  name: v.string(),
  size: v.pipe(v.number(), v.integer()),
  /** The type the client believes the file has; the room decides by content and compares. */
  mime: v.string(),
  sha256: Sha256Hex,
});
/**
 * A private file sealed end to end: no name, type or hash, only the envelope (kind `file`) and
 * what the room needs for its limits: the ciphertext's size and chunk count (every chunk but the
 * last is full, so the count follows from the size and the room's chunk size; a count that does
 * not is refused with file_sealed_chunks).
 */
export const SealedFileOfferRequest = v.strictObject({
  type: v.literal('file_offer'),
  ref: v.pipe(v.number(), v.integer(), v.minValue(0)),
  to: v.string(),
  envelope: v.pipe(
    SealedEnvelope,
    v.check((e) => e.kind === 'file', 'a file offer seals a file'),
  ),
  size: v.pipe(v.number(), v.integer()),
  chunks: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
/** The two forms of file_offer: sealed when it has an envelope; each is checked field by field. */
export const AnyFileOfferRequest = v.lazy((input: unknown) =>
  typeof input === 'object' && input !== null && 'envelope' in input
    ? SealedFileOfferRequest
    : FileOfferRequest,
);
export const FileResumeRequest = v.object({ type: v.literal('file_resume'), fileId: FileId });
export const FileAcceptRequest = v.object({
  type: v.literal('file_accept'),
  fileId: FileId,
  /** First chunk wanted: 0, or where an interrupted download stopped. */
  from: v.optional(ChunkIndex),
});
export const FileDeclineRequest = v.object({ type: v.literal('file_decline'), fileId: FileId });
/** A recipient acknowledges a downloaded chunk (cumulative: everything up to `index`). */
export const FileAckRequest = v.object({ type: v.literal('file_ack'), fileId: FileId, index: ChunkIndex });
/** A recipient verified the whole file's SHA-256. */
export const FileDoneRequest = v.object({ type: v.literal('file_done'), fileId: FileId });
export const FileCancelRequest = v.object({ type: v.literal('file_cancel'), fileId: FileId });

export const FILE_CLIENT_SCHEMAS = {
  file_offer: AnyFileOfferRequest,
  file_resume: FileResumeRequest,
  file_accept: FileAcceptRequest,
  file_decline: FileDeclineRequest,
  file_ack: FileAckRequest,
  file_done: FileDoneRequest,
  file_cancel: FileCancelRequest,
} as const;

type FileClientType = keyof typeof FILE_CLIENT_SCHEMAS;
/** A file-transfer message from client to room (file_offer, file_ack, …). */
export type FileClientMessage = {
  [K in FileClientType]: v.InferOutput<(typeof FILE_CLIENT_SCHEMAS)[K]>;
}[FileClientType];

// ---- room → client ------------------------------------------------------------------------

export const FileReadyMessage = v.object({
  type: v.literal('file_ready'),
  ref: v.optional(v.number()),
  fileId: FileId,
  /** The next chunk index the room expects. */
  next: ChunkIndex,
  chunkSize: v.number(),
  window: v.number(),
});
/** The room stored upload chunk `index` (cumulative). */
export const FileAckMessage = v.object({ type: v.literal('file_ack'), fileId: FileId, index: ChunkIndex });
/** Sent to the uploader once the whole file is checked and staged. */
export const FileStoredMessage = v.object({ type: v.literal('file_stored'), fileId: FileId });
/** A file waiting for the recipient's Accept or Decline. */
export const FileOfferedMessage = v.object({
  type: v.literal('file_offered'),
  fileId: FileId,
  from: v.string(),
  /** Present for a private file. */
  to: v.optional(v.string()),
  /** Sanitised for display and download. */
  name: v.string(),
  size: v.number(),
  /** Decided by the room from the content. */
  mime: v.string(),
  sha256: Sha256Hex,
  chunkSize: v.number(),
  at: v.number(),
});
/**
 * A private file sealed end to end waiting for its recipient: the sender's envelope (name, type,
 * size, SHA-256 and file key inside) and the ciphertext's size; the room never saw more.
 */
export const SealedFileOfferedMessage = v.strictObject({
  type: v.literal('file_offered'),
  fileId: FileId,
  from: v.string(),
  to: v.string(),
  envelope: SealedEnvelope,
  /** Bytes of ciphertext the room stages (what the chunks add up to). */
  size: v.number(),
  chunkSize: v.number(),
  at: v.number(),
});
/**
 * The download was accepted but waits for a free slot (MAX_DOWNLOADS_PER_SOCKET / _PER_ROOM); its
 * first chunk marks the start. Nothing to answer: a client just shows that it waits.
 */
export const FileQueuedMessage = v.object({ type: v.literal('file_queued'), fileId: FileId });
export const FileDeclinedMessage = v.object({
  type: v.literal('file_declined'),
  fileId: FileId,
  by: v.string(),
});
/** A recipient verified and kept the file. */
export const FileDeliveredMessage = v.object({
  type: v.literal('file_delivered'),
  fileId: FileId,
  by: v.string(),
});
export const FileCancelledMessage = v.object({
  type: v.literal('file_cancelled'),
  fileId: FileId,
  by: v.string(),
});
/** The upload was refused after it started (type, size or hash). */
export const FileFailedMessage = v.object({
  type: v.literal('file_failed'),
  fileId: FileId,
  code: v.string(),
  message: v.string(),
});

export const FILE_SERVER_SCHEMAS = [
  FileReadyMessage,
  FileAckMessage,
  FileStoredMessage,
  FileOfferedMessage,
  SealedFileOfferedMessage,
  FileQueuedMessage,
  FileDeclinedMessage,
  FileDeliveredMessage,
  FileCancelledMessage,
  FileFailedMessage,
] as const;

/** A file-transfer message from room to client (file_ready, file_offered, …). */
export type FileServerMessage = v.InferOutput<(typeof FILE_SERVER_SCHEMAS)[number]>;
