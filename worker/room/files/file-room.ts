// The room's file-sharing state: the SQLite tables, the R2 staging, the limits, and two in-memory
// caches that an eviction may drop at any moment: the SHA-256 streams of uploads in progress and
// the running download pumps. ChatRoom owns one; the handlers in this folder reach it as room.files.

import type { FileChunk } from '../../protocol/chunk-codec';
import { nameKey } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import type { DownloadPump } from './download';
import type { UploadHasher } from './file-hasher';
import { type FileLimits, type FileVars, fileLimitsFrom } from './file-limits';
import { type FileRow, FileStore } from './file-store';
import { Staging } from './staging';
import type { UploadPipeline } from './upload-pipeline';

export class FileRoom {
  readonly store: FileStore;
  readonly staging: Staging;
  readonly limits: FileLimits;
  /** SHA-256 streams of uploads in progress, by file id. */
  readonly hashers = new Map<string, UploadHasher>();
  /** Uploads with chunks accepted but maybe not yet in R2, by file id, each with its file row. */
  readonly uploads = new Map<string, UploadPipeline<FileRow>>();
  /** Running downloads, by downloadKey(fileId, recipient's name key). */
  readonly downloads = new Map<string, DownloadPump>();

  constructor(sql: SqlStorage, bucket: R2Bucket, vars: FileVars) {
    this.store = new FileStore(sql);
    this.staging = new Staging(bucket);
    this.limits = fileLimitsFrom(vars);
  }

  /**
   * Whether a frame is part of a running transfer's data flow: the next chunk of an upload from its
   * uploader's socket, within the window of unacknowledged chunks, or a recipient's acknowledgement
   * of a chunk it was sent. These do not draw from the chat rate limit; the window bounds them.
   */
  isFlowChunk(live: LiveSocket, chunk: FileChunk): boolean {
    if (!live.att.name) return false;
    const pipeline = this.uploads.get(chunk.fileId);
    const file = pipeline?.file ?? this.store.getFile(chunk.fileId);
    return (
      file !== null &&
      file.state === 'uploading' &&
      file.uploaderKey === nameKey(live.att.name) &&
      chunk.index === (pipeline?.accepted ?? file.next) &&
      // `next` counts acknowledged chunks: a sender keeping to the window never goes past this.
      chunk.index < file.next + this.limits.uploadWindow
    );
  }

  isFlowAck(live: LiveSocket, fileId: string, index: number): boolean {
    if (!live.att.name) return false;
    const pump = this.downloads.get(downloadKey(fileId, nameKey(live.att.name)));
    return pump !== undefined && pump.live === live && index < pump.sent;
  }

  /**
   * A socket went: its downloads stop, and what was sent but not acknowledged is lost with it, so
   * the download continues from the last acknowledged chunk (normally via file_accept {from}).
   */
  forgetSocket(live: LiveSocket): void {
    for (const [key, pump] of this.downloads) {
      if (pump.live !== live) continue;
      pump.stop();
      this.downloads.delete(key);
      this.store.recordDownloadStopped(pump.fileId, pump.recipientKey, pump.acked);
    }
  }

  /** Stops the downloads of one file, or of one recipient of it. */
  stopDownloads(fileId: string, recipientKey?: string): void {
    for (const [key, pump] of this.downloads) {
      if (pump.fileId !== fileId || (recipientKey !== undefined && pump.recipientKey !== recipientKey))
        continue;
      pump.stop();
      this.downloads.delete(key);
    }
  }
}

export function downloadKey(fileId: string, recipientKey: string): string {
  return `${fileId}/${recipientKey}`;
}
