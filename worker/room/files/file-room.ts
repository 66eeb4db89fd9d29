// The room's file sharing, and the one owner of every transfer in progress: the SQLite tables, the
// R2 staging, the limits, each active upload (its row, its pipeline to R2, its SHA-256 stream) and
// each running download pump. The maps are private caches an eviction may drop: the next chunk or
// ack rebuilds what it needs from SQLite. ChatRoom owns one; the handlers in this folder reach it
// as room.files and ask it to accept, finish, fail, cancel or discard, never touching its maps.

import type { Config } from '../../config';
import type { Bytes } from '../../crypto/base64';
import type { FileChunk } from '../../protocol/chunk-codec';
import { ERROR_MESSAGES, type ErrorCode } from '../../protocol/errors';
import { nameKey } from '../../protocol/username';
import type { AuditLog } from '../audit/audit-log';
import type { JoinedSocket } from '../joined-socket';
import { type KeysAheadRoom, sendKeysAhead } from '../keys-ahead';
import type { LiveSocket } from '../live-socket';
import { errorName, logEvent } from '../log';
import type { Outbox } from '../outbox';
import { releaseBuffer } from '../release-buffer';
import { Downloads, type DownloadVars } from './downloads';
import { UploadHasher, uploadDigest } from './file-hasher';
import { type FileLimits, type FileVars, fileLimitsFrom, objectBytes } from './file-limits';
import { offerFor } from './file-offered';
import { type FileRow, FileStore, SETTLED } from './file-store';
import { r2PacingFrom } from './local-r2-pacing';
import { Staging } from './staging';
import { UploadPipeline } from './upload-pipeline';

/** What the file room needs from the ChatRoom (which passes itself). */
export interface FileRoomHost {
  readonly outbox: Pick<Outbox, 'send' | 'broadcast' | 'sendBinary' | 'error'>;
  readonly audit: Pick<AuditLog, 'record'>;
  readonly members: ReadonlyMap<string, JoinedSocket>;
  /** A sealed offer's sender's keys still waiting for the presence flush (keys-ahead.ts). */
  readonly presence: KeysAheadRoom['presence'];
  now(): number;
  /** Runs `task` in the room's serial queue (an R2 write's completion is handled there). */
  defer(task: () => Promise<void>): Promise<void>;
  ensureAlarm(at: number): Promise<void>;
}

/** A file's row as the offer creates it. */
export type NewFile = Omit<FileRow, 'mime' | 'state' | 'next' | 'bytes' | 'storedAt'>;

/**
 * An upload this wake-up has seen. Its row is the one source of truth while it runs (SQLite gets
 * each change too, so a chunk costs no read); the hasher is null when the upload was rebuilt after
 * an eviction mid-file, and the digest is then computed from the staged objects.
 */
export interface ActiveUpload {
  readonly row: FileRow;
  readonly pipeline: UploadPipeline;
  readonly hasher: UploadHasher | null;
}

export class FileRoom {
  readonly store: FileStore;
  readonly limits: FileLimits;
  private readonly staging: Staging;
  private readonly uploads = new Map<string, ActiveUpload>();
  private readonly downloads: Downloads;
  /** R2 clean-ups running outside the serial queue (discard). */
  private readonly cleanups = new Set<Promise<void>>();

  constructor(
    sql: SqlStorage,
    bucket: R2Bucket,
    vars: FileVars & DownloadVars & Pick<Config, 'LOCAL_R2_PACING'>,
    private readonly host: FileRoomHost,
  ) {
    this.store = new FileStore(sql);
    this.staging = new Staging(bucket, r2PacingFrom(vars));
    this.limits = fileLimitsFrom(vars);
    const { staging, store } = this;
    // Read when used: the host builds its outbox after its files.
    const io = {
      staging,
      store,
      now: () => host.now(),
      get outbox() {
        return host.outbox;
      },
    };
    this.downloads = new Downloads(io, vars, this.limits.downloadWindow);
  }

  // ---- Uploads ------------------------------------------------------------------------------

  /** The offer was accepted: the file's row is created and its chunks may come. */
  startUpload(file: NewFile): void {
    this.store.createFile(file);
    const row: FileRow = { ...file, mime: null, state: 'uploading', next: 0, bytes: 0, storedAt: null };
    this.track(row);
  }

  /** The upload this wake-up has in hand, if any. */
  activeUpload(fileId: string): ActiveUpload | undefined {
    return this.uploads.get(fileId);
  }

  /** After an eviction, an upload carries on from its row in SQLite (`next` says what is staged). */
  resumeUpload(row: FileRow): ActiveUpload {
    return this.track(row);
  }

  /** The next chunk to send: chunks still on their way to R2 count (their acks will come). */
  nextChunk(file: FileRow): number {
    return this.uploads.get(file.fileId)?.pipeline.accepted ?? file.next;
  }

  /** The first chunk decided the file's type. */
  setMime(upload: ActiveUpload, mime: string): void {
    this.store.setMime(upload.row.fileId, mime);
    upload.row.mime = mime;
  }

  /**
   * Chunk `index`, checked and in order, joins its object and the hash. Takes `data`: its buffer
   * is released once copied into the object.
   */
  async accept(upload: ActiveUpload, index: number, data: Bytes): Promise<void> {
    const { row, pipeline, hasher } = upload;
    // handleFileChunk refused a chunk past the window, so at most a window's objects are in flight.
    const head = pipeline.missingHead(index);
    if (head !== null && !(await this.restoreHead(upload, head))) return this.fail(row, 'internal');
    if (pipeline.ended) return; // cancelled or expired while this chunk waited
    pipeline.accept(data);
    // The in-memory stream is lost on eviction; finish() then hashes the staged objects instead.
    // Nothing here waits on I/O: chat frames queued behind this chunk go on at once.
    if (hasher && hasher.fed === index) hasher.add(data, true);
    else releaseBuffer(data);
  }

  /**
   * Whether a frame is part of a running transfer's data flow: the next chunk of an upload from its
   * uploader's socket, within the window of unacknowledged chunks, or a recipient's acknowledgement
   * of a chunk it was sent. These do not draw from the chat rate limit; the window bounds them.
   */
  isFlowChunk(live: LiveSocket, chunk: FileChunk): boolean {
    if (!live.att.name) return false;
    const upload = this.uploads.get(chunk.fileId);
    const file = upload?.row ?? this.store.getFile(chunk.fileId);
    return (
      file !== null &&
      file.state === 'uploading' &&
      file.uploaderKey === nameKey(live.att.name) &&
      chunk.index === (upload?.pipeline.accepted ?? file.next) &&
      // `next` counts acknowledged chunks: a sender keeping to the window never goes past this.
      chunk.index < file.next + this.limits.uploadWindow
    );
  }

  /** Refuses an upload after it started: its staged chunks go, and the sender is told why. */
  async fail(file: FileRow, code: ErrorCode): Promise<void> {
    this.uploads.get(file.fileId)?.pipeline.end();
    logEvent('file_failed', { fileId: file.fileId, code, bytes: file.bytes });
    this.host.audit.record('file_failed', {
      user: file.uploader,
      peer: file.toName,
      size: file.size,
      code,
      ref: file.fileId,
    });
    const uploader = this.host.members.get(file.uploaderKey);
    if (uploader) {
      this.host.outbox.send(uploader, {
        type: 'file_failed',
        fileId: file.fileId,
        code,
        message: ERROR_MESSAGES[code],
      });
    }
    await this.discard(file.fileId, 'failed');
  }

  /** The sender withdraws its file: `by` and every recipient still waiting are told, and the file goes. */
  async cancel(file: FileRow, by: JoinedSocket): Promise<void> {
    const waiting = this.store
      .recipients(file.fileId)
      .filter((r) => !SETTLED.has(r.state))
      .flatMap((r) => {
        const member = this.host.members.get(r.nameKey);
        return member ? [member] : [];
      });
    const name = by.att.name;
    logEvent('file_cancelled', { fileId: file.fileId, by: name, state: file.state, told: waiting.length });
    this.host.audit.record('file_cancelled', { user: name, size: file.size, ref: file.fileId });
    this.host.outbox.broadcast([by, ...waiting], { type: 'file_cancelled', fileId: file.fileId, by: name });
    await this.discard(file.fileId, 'cancelled');
  }

  /**
   * Removes a file: its running downloads stop, its rows (and with them its key) leave SQLite, and
   * its staged objects leave R2. Used when every recipient is done, on cancel, failure and expiry.
   * Order matters: the rows go first, so a chunk or request racing the R2 deletes finds nothing.
   * The R2 round trips (waiting for writes in flight, listing, deleting) run outside the room's
   * serial queue, so a clean-up of a big file does not hold chat frames; only the result is
   * handled back in the queue.
   */
  async discard(fileId: string, reason: string): Promise<void> {
    this.stopDownloads(fileId);
    const upload = this.uploads.get(fileId);
    upload?.hasher?.abort();
    upload?.pipeline.end();
    this.uploads.delete(fileId);
    this.store.deleteFile(fileId);
    const cleanup = this.cleanUp(fileId, upload, reason);
    this.cleanups.add(cleanup);
    void cleanup.finally(() => this.cleanups.delete(cleanup));
  }

  /** Resolves once every R2 clean-up started so far has ended (for tests and the alarm). */
  async cleanedUp(): Promise<void> {
    while (this.cleanups.size > 0) await Promise.allSettled([...this.cleanups]);
  }

  private async cleanUp(fileId: string, upload: ActiveUpload | undefined, reason: string): Promise<void> {
    try {
      // A write still in flight would land after the deletes below and never be found again.
      await upload?.pipeline.drained();
      const objects = await this.staging.deleteAll(fileId);
      await this.host.defer(async () => logEvent('file_deleted', { fileId, reason, objects }));
    } catch (error) {
      // The rows are gone, so nothing refers to what is left; the objects stay until deleted by hand.
      logEvent('file_delete_error', { fileId, reason, error: errorName(error) });
    }
  }

  /** Deletes a staged file once every recipient has downloaded, declined or cancelled it. */
  async settle(fileId: string): Promise<void> {
    const file = this.store.getFile(fileId);
    if (file?.state === 'stored' && this.store.unsettled(fileId) === 0) {
      await this.discard(fileId, 'settled');
    }
  }

  private track(row: FileRow): ActiveUpload {
    const upload: ActiveUpload = {
      row,
      pipeline: this.newPipeline(row),
      // Hashing as the chunks come needs them all, from the first. A sealed file is not hashed here.
      hasher: row.next === 0 && row.envelope === null ? new UploadHasher() : null,
    };
    this.uploads.set(row.fileId, upload);
    return upload;
  }

  private newPipeline(file: FileRow): UploadPipeline {
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
            await this.staging.put(fileId, object, key, plain, complete);
          } catch (error) {
            logEvent('file_stage_error', { fileId, object, error: errorName(error) });
            throw error;
          }
        },
        staged: (from, to, ok) => this.host.defer(() => this.chunksStaged(fileId, from, to, ok)),
        defer: (task) => void this.host.defer(task),
      },
      this.limits.partialFlushMs,
      this.limits.maxObjectWrites,
    );
  }

  /** After an eviction, the chunks of a partly written object come back from R2 before the next one joins them. */
  private async restoreHead({ row, pipeline }: ActiveUpload, object: number): Promise<boolean> {
    let head: Bytes | null;
    try {
      head = await this.staging.get(row.fileId, object, row.key);
    } catch (error) {
      logEvent('file_read_error', { fileId: row.fileId, error: errorName(error) });
      return false;
    }
    if (!head) return false;
    const restored = pipeline.restore(object, head);
    releaseBuffer(head);
    logEvent('file_restore', { fileId: row.fileId, object, restored });
    return restored;
  }

  /** Chunks from..to-1 reached R2 (or failed to): record them, acknowledge them, and finish after the last. */
  private async chunksStaged(fileId: string, from: number, to: number, ok: boolean): Promise<void> {
    const upload = this.uploads.get(fileId);
    // Refused or cancelled meanwhile: that already told the sender and cleaned up.
    if (!upload || upload.pipeline.ended) return;
    const { row } = upload;
    if (!ok) return this.fail(row, 'internal');
    row.next = to;
    // Every chunk but the last is full (handleFileChunk checked each one's size).
    row.bytes = Math.min(row.size, to * row.chunkSize);
    this.store.recordChunk(fileId, row.next, row.bytes, this.host.now());
    const uploader = this.host.members.get(row.uploaderKey);
    if (uploader) {
      for (let index = from; index < to; index++)
        this.host.outbox.send(uploader, { type: 'file_ack', fileId, index });
    }
    if (row.bytes === row.size) await this.finish(upload, uploader);
  }

  /** The last chunk is in: check the whole file, then offer it to its recipients. */
  private async finish(upload: ActiveUpload, uploader: JoinedSocket | undefined): Promise<void> {
    const { row: file, pipeline } = upload;
    pipeline.end();
    this.uploads.delete(file.fileId);
    // A sealed file's hash is of its plaintext, inside the envelope: its recipient checks it (and
    // AES-GCM each chunk). The room checks the size only.
    if (file.envelope === null) {
      const digest = await uploadDigest(this.staging, file, upload.hasher);
      if (digest === null) return this.fail(file, 'internal');
      if (digest !== file.sha256) return this.fail(file, 'file_hash_mismatch');
    }
    if (file.bytes !== file.size) return this.fail(file, 'file_size_mismatch');

    const { members, outbox, audit } = this.host;
    const now = this.host.now();
    const recipients = file.toKey
      ? [{ key: file.toKey, name: file.toName ?? file.toKey, live: members.get(file.toKey) }]
      : [...members.entries()]
          .filter(([key]) => key !== file.uploaderKey)
          .map(([key, member]) => ({ key, name: member.att.name, live: member as JoinedSocket | undefined }));
    // Everyone else left during the upload: say so rather than store a file nobody can fetch.
    if (recipients.length === 0) return this.fail(file, 'file_no_recipients');
    const expiresAt = now + this.limits.ttlMs;
    this.store.markStored(file.fileId, now, expiresAt, recipients);
    const stored: FileRow = { ...file, state: 'stored', storedAt: now, expiresAt };
    // The type the content was checked to be (one of ALLOWED_FILE_TYPES), not the one it claimed;
    // 'sealed' for a file sealed end to end, whose type the room cannot know.
    const type = file.envelope === null ? (stored.mime ?? 'unknown') : 'sealed';
    logEvent('file_stored', {
      fileId: file.fileId,
      size: file.size,
      mime: type,
      recipients: recipients.length,
    });
    audit.record('file_uploaded', {
      user: file.uploader,
      peer: file.toName,
      size: file.size,
      ref: file.fileId,
      detail: { type, recipients: recipients.length },
    });
    if (uploader) outbox.send(uploader, { type: 'file_stored', fileId: file.fileId });
    const online = recipients.flatMap((r) => (r.live ? [r.live] : []));
    // Order matters: a sealed offer's recipient gets keys still waiting to be announced first.
    if (file.envelope !== null) for (const live of online) sendKeysAhead(this.host, live, file.uploader);
    outbox.broadcast(online, offerFor(stored));
    await this.host.ensureAlarm(expiresAt);
  }

  // ---- Downloads (downloads.ts) ----------------------------------------------------------------

  /** A recipient's download starts (or starts again) at chunk `from`: now, or when a slot is free. */
  startDownload(
    live: JoinedSocket,
    file: FileRow,
    from: number,
    restart: boolean,
  ): 'file_restart_limit' | null {
    return this.downloads.start(live, file, from, restart);
  }

  acknowledge(live: JoinedSocket, fileId: string, index: number): 'file_unknown' | 'file_chunk_order' | null {
    return this.downloads.acknowledge(live, fileId, index);
  }

  isFlowAck(live: LiveSocket, fileId: string, index: number): boolean {
    return this.downloads.isFlowAck(live, fileId, index);
  }

  forgetSocket(live: LiveSocket): void {
    this.downloads.forgetSocket(live);
  }

  /** Downloads sending now, and waiting for a slot (for tests and logs). */
  get downloadCounts(): { running: number; waiting: number } {
    return this.downloads.counts;
  }

  stopDownloads(fileId: string, recipientKey?: string): void {
    this.downloads.stop(fileId, recipientKey);
  }
}
