// The file-sharing limits of this deployment: the wrangler vars MAX_FILE_BYTES, ALLOWED_FILE_TYPES
// and FILE_TTL_HOURS, with the defaults from worker/protocol/limits.ts when unset or invalid.

import {
  DEFAULT_ALLOWED_FILE_TYPES,
  DEFAULT_FILE_TTL_MS,
  DEFAULT_MAX_FILE_BYTES,
  FILE_CHUNK_BYTES,
  FILE_WINDOW_CHUNKS,
  MAX_PARALLEL_UPLOADS,
  UPLOAD_IDLE_MS,
} from '../../protocol/limits';
import { normaliseMime } from './file-type-check';

export interface FileLimits {
  maxBytes: number;
  allowedTypes: ReadonlySet<string>;
  ttlMs: number;
  chunkBytes: number;
  window: number;
  maxParallelUploads: number;
  uploadIdleMs: number;
}

export interface FileVars {
  MAX_FILE_BYTES?: string;
  ALLOWED_FILE_TYPES?: string;
  FILE_TTL_HOURS?: string;
}

export function fileLimitsFrom(vars: FileVars): FileLimits {
  const maxBytes = Number(vars.MAX_FILE_BYTES);
  const ttlHours = Number(vars.FILE_TTL_HOURS);
  const types = (vars.ALLOWED_FILE_TYPES ?? '')
    .split(',')
    .map((t) => normaliseMime(t))
    .filter((t) => t.length > 0);
  return {
    maxBytes: Number.isSafeInteger(maxBytes) && maxBytes > 0 ? maxBytes : DEFAULT_MAX_FILE_BYTES,
    allowedTypes: new Set(types.length > 0 ? types : DEFAULT_ALLOWED_FILE_TYPES),
    ttlMs: Number.isFinite(ttlHours) && ttlHours > 0 ? ttlHours * 60 * 60 * 1000 : DEFAULT_FILE_TTL_MS,
    chunkBytes: FILE_CHUNK_BYTES,
    window: FILE_WINDOW_CHUNKS,
    maxParallelUploads: MAX_PARALLEL_UPLOADS,
    uploadIdleMs: UPLOAD_IDLE_MS,
  };
}

/** How many chunks a file of `size` bytes takes. */
export function chunkCount(size: number, chunkBytes: number): number {
  return Math.ceil(size / chunkBytes);
}

/** How many bytes chunk `index` must hold for a file of `size` bytes. */
export function expectedChunkBytes(size: number, chunkBytes: number, index: number): number {
  return Math.max(0, Math.min(chunkBytes, size - index * chunkBytes));
}
