// The file-sharing limits of this deployment: the settings MAX_FILE_BYTES, ALLOWED_FILE_TYPES,
// FILE_TTL_HOURS, MAX_STAGED_BYTES_PER_USER and MAX_STAGED_BYTES (worker/config.ts); the room's own
// staging choices (chunks per R2 object, upload window); and the arithmetic of both.

import type { Config } from '../../config';
import { normaliseMime } from '../../protocol/file-type-check';
import {
  FILE_CHUNK_BYTES,
  FILE_WINDOW_CHUNKS,
  MAX_PARALLEL_UPLOADS,
  SEALED_CHUNK_OVERHEAD_BYTES,
  UPLOAD_IDLE_MS,
} from '../../protocol/limits';

/**
 * Chunks per staged R2 object: 4 × 256 KiB = 1 MiB. Local R2 (miniflare, in the room's own
 * single-threaded workerd) costs a fixed share per object plus about 26 ms of CPU per MiB written;
 * 1 MiB objects cut its CPU per uploaded MiB from about 40 ms to about 28 ms, and bigger ones gain
 * little more while the room holds more of an upload in memory. See the README for the figures.
 */
export const STAGED_OBJECT_CHUNKS = 4;
/**
 * Unacknowledged chunks an uploader may have in flight, announced in file_ready. Chunks are
 * acknowledged once their object is in R2, so the window spans several objects (a multiple of
 * STAGED_OBJECT_CHUNKS): one filling while others are written. Downloads use FILE_WINDOW_CHUNKS.
 */
export const UPLOAD_WINDOW_CHUNKS = 16;
/**
 * An object that stops filling (the sender paused, or went) is written as it is after this long,
 * so every chunk is acknowledged soon after it arrives; the rest of the object is written later.
 */
export const PARTIAL_OBJECT_FLUSH_MS = 200;
/**
 * R2 writes one upload runs at once; the rest of its window waits in memory. Local R2 shares the
 * room's thread, so more at once only makes every event, chat included, wait longer behind them.
 */
export const MAX_OBJECT_WRITES = 2;

export interface FileLimits {
  maxBytes: number;
  /** Bytes one user may have staged at once (uploading, or stored and waiting for recipients). */
  maxStagedPerUser: number;
  /** Bytes the whole room may have staged at once: the bound on what R2 holds for it. */
  maxStagedRoom: number;
  allowedTypes: ReadonlySet<string>;
  ttlMs: number;
  chunkBytes: number;
  /** Chunks per staged R2 object, for new files (each file keeps its own in SQLite). */
  objectChunks: number;
  uploadWindow: number;
  /** The most chunks a download may have unacknowledged; the window adapts below it (download-window.ts). */
  downloadWindow: number;
  partialFlushMs: number;
  maxObjectWrites: number;
  maxParallelUploads: number;
  uploadIdleMs: number;
}

export type FileVars = Pick<
  Config,
  | 'MAX_FILE_BYTES'
  | 'ALLOWED_FILE_TYPES'
  | 'FILE_TTL_HOURS'
  | 'MAX_STAGED_BYTES_PER_USER'
  | 'MAX_STAGED_BYTES'
>;

export function fileLimitsFrom(vars: FileVars): FileLimits {
  return {
    maxBytes: vars.MAX_FILE_BYTES,
    maxStagedPerUser: vars.MAX_STAGED_BYTES_PER_USER,
    maxStagedRoom: vars.MAX_STAGED_BYTES,
    allowedTypes: new Set(vars.ALLOWED_FILE_TYPES.map((type) => normaliseMime(type))),
    ttlMs: vars.FILE_TTL_HOURS * 60 * 60 * 1000,
    chunkBytes: FILE_CHUNK_BYTES,
    objectChunks: STAGED_OBJECT_CHUNKS,
    uploadWindow: UPLOAD_WINDOW_CHUNKS,
    downloadWindow: FILE_WINDOW_CHUNKS,
    partialFlushMs: PARTIAL_OBJECT_FLUSH_MS,
    maxObjectWrites: MAX_OBJECT_WRITES,
    maxParallelUploads: MAX_PARALLEL_UPLOADS,
    uploadIdleMs: UPLOAD_IDLE_MS,
  };
}

/** The allowance a new file of `size` bytes would break, or null when it fits. */
export function stagingRefusal(
  limits: Pick<FileLimits, 'maxStagedPerUser' | 'maxStagedRoom'>,
  staged: { user: number; room: number },
  size: number,
): 'file_quota' | 'room_file_quota' | null {
  if (staged.user + size > limits.maxStagedPerUser) return 'file_quota';
  if (staged.room + size > limits.maxStagedRoom) return 'room_file_quota';
  return null;
}

/**
 * The largest ciphertext of a sealed private file: the largest plaintext MAX_FILE_BYTES allows,
 * plus each chunk's IV and tag. The limit is about the file, not about its encryption.
 */
export function sealedMaxBytes(limits: Pick<FileLimits, 'maxBytes' | 'chunkBytes'>): number {
  const plainPerChunk = limits.chunkBytes - SEALED_CHUNK_OVERHEAD_BYTES;
  return limits.maxBytes + SEALED_CHUNK_OVERHEAD_BYTES * Math.ceil(limits.maxBytes / plainPerChunk);
}

/** How many chunks a file of `size` bytes takes. */
export function chunkCount(size: number, chunkBytes: number): number {
  return Math.ceil(size / chunkBytes);
}

/** How many bytes chunk `index` must hold for a file of `size` bytes. */
export function expectedChunkBytes(size: number, chunkBytes: number, index: number): number {
  return Math.max(0, Math.min(chunkBytes, size - index * chunkBytes));
}

/** The layout of a file's staged objects (worker/room/files/staging.ts). */
export interface ObjectLayout {
  size: number;
  chunkSize: number;
  objectChunks: number;
}

/** The staged object that holds chunk `index`. */
export function objectOf(layout: ObjectLayout, index: number): number {
  return Math.floor(index / layout.objectChunks);
}

/** The first chunk of object `object`. */
export function firstChunkOf(layout: ObjectLayout, object: number): number {
  return object * layout.objectChunks;
}

/** How many bytes object `object` holds once complete (the last one may be short). */
export function objectBytes(layout: ObjectLayout, object: number): number {
  const start = firstChunkOf(layout, object) * layout.chunkSize;
  return Math.max(0, Math.min(layout.objectChunks * layout.chunkSize, layout.size - start));
}

/** How many staged objects a whole file takes. */
export function objectCount(layout: ObjectLayout): number {
  return Math.ceil(chunkCount(layout.size, layout.chunkSize) / layout.objectChunks);
}
