// One outgoing file: hash it, offer it, then send chunks with at most `window` unacknowledged,
// advancing on the room's file_ack. After a reconnect it asks where to go on (file_resume) and
// continues from there; it never starts over. FileTransfers creates these and routes to them.
// A private file whose recipient's keys are known goes sealed end to end (client/core/e2e/
// file-seal.ts, loaded on first use): the offer is an envelope and every chunk is ciphertext.

import { encodeChunk } from '#protocol/chunk-codec';
import { ERROR_MESSAGES } from '#protocol/errors';
import { FILE_CHUNK_BYTES, FILE_WINDOW_CHUNKS, MAX_FRAME_BYTES } from '#protocol/limits';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { SealedFile } from '../e2e/file-seal';
import { Emitter } from '../emitter';
import type { FileLink } from './file-link';
import { type FileData, hashOf, readRange, sizeOf } from './file-source';
import { progressOf, RateMeter, type TransferProgress } from './transfer-progress';

export type UploadPhase =
  /** Waiting for one of our other uploads to finish (the room allows MAX_PARALLEL_UPLOADS). */
  | 'queued'
  /** Computing the SHA-256. */
  | 'hashing'
  /** file_offer (or file_resume) sent; waiting for file_ready. */
  | 'offering'
  | 'sending'
  /** The connection dropped; goes on after the rejoin. */
  | 'paused'
  /** Every chunk acknowledged; the room is checking type, size and hash. */
  | 'checking'
  /** Checked and staged: recipients can download it. */
  | 'stored'
  | 'failed'
  | 'cancelled';

export interface UploadMeta {
  name: string;
  /** The type the sender believes the file has; the room decides by content. */
  mime: string;
  /** A username for a private file; absent for the Lobby. */
  to?: string;
}

export interface TransferFailure {
  code: string;
  message: string;
}

export interface UploadEvents extends Record<string, unknown> {
  phase: UploadPhase;
  progress: TransferProgress;
  stored: { fileId: string };
  failed: TransferFailure;
  declined: { by: string };
  delivered: { by: string };
  /** By us, by the room, or by a recipient who gave up their download. */
  cancelled: { by: string };
}

const TERMINAL: ReadonlySet<UploadPhase> = new Set(['stored', 'failed', 'cancelled']);
/** How often a paced upload looks at the socket again (WebSocket has no drain event). */
export const PACE_POLL_MS = 20;

export class Upload extends Emitter<UploadEvents> {
  phase: UploadPhase = 'queued';
  fileId: string | null = null;
  sha256: string | null = null;
  readonly size: number;
  progress: TransferProgress;
  /** Settles when the room has stored the file; rejects on failure or cancel. */
  readonly finished: Promise<void>;
  private chunkSize = FILE_CHUNK_BYTES;
  private window = FILE_WINDOW_CHUNKS;
  /** Next chunk index to send. */
  private next = 0;
  /** Chunks the room has acknowledged (all indexes below this). */
  private acked = 0;
  /** Bumped on every pause and resume: a pump from an older session stops. */
  private epoch = 0;
  /** Resyncs asked for since the last acknowledgement (see resync). */
  private resyncs = 0;
  private pumping = false;
  private readonly meter = new RateMeter();
  /** Set before the offer when the file goes sealed end to end. */
  private sealed: SealedFile | null = null;
  private settle!: { resolve: () => void; reject: (e: Error) => void };

  constructor(
    private readonly link: FileLink,
    private readonly data: FileData,
    readonly meta: UploadMeta,
    readonly ref: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.size = sizeOf(data);
    this.progress = progressOf(0, this.size);
    this.finished = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Callers may follow events instead of awaiting; a rejection must not go unhandled.
    this.finished.catch(() => undefined);
  }

  get done(): boolean {
    return TERMINAL.has(this.phase);
  }

  get totalChunks(): number {
    return this.sealed?.chunks ?? Math.ceil(this.size / this.chunkSize);
  }

  /** Sealed end to end: the room gets only the envelope and ciphertext. Known once the offer went. */
  get e2e(): boolean {
    return this.sealed !== null;
  }

  /** Bytes of the file in each chunk (a sealed chunk adds its IV and tag to these). */
  private get plainChunkBytes(): number {
    return this.sealed?.plainChunkBytes ?? this.chunkSize;
  }

  /** Hashes the file, then offers it (now, or after the rejoin if the connection is down). */
  async start(): Promise<void> {
    if (this.phase !== 'queued') return;
    this.setPhase('hashing');
    let sha256: string;
    try {
      sha256 = await hashOf(this.data);
    } catch {
      this.fail({ code: 'read_failed', message: 'The file could not be read.' });
      return;
    }
    if (this.done) return;
    try {
      if (this.meta.to !== undefined) await this.seal(this.meta.to, sha256);
    } catch {
      this.fail({ code: 'e2e_failed', message: 'The file could not be encrypted.' });
      return;
    }
    if (this.done) return;
    this.sha256 = sha256;
    if (this.link.status === 'connected') this.sendOffer(sha256);
    else this.setPhase('paused');
  }

  /** Stops the upload; once stored, withdraws the offer from recipients who have not taken it. */
  cancel(): void {
    if (this.phase === 'stored' && this.fileId) {
      this.send({ type: 'file_cancel', fileId: this.fileId });
      this.setPhase('cancelled');
      this.emit('cancelled', { by: this.link.name ?? '' });
      return;
    }
    if (this.done) return;
    this.epoch++;
    if (this.fileId) this.send({ type: 'file_cancel', fileId: this.fileId });
    this.finish('cancelled', new Error('cancelled'));
    this.emit('cancelled', { by: this.link.name ?? '' });
  }

  // ---- from FileTransfers ------------------------------------------------------------------

  onReady(message: ServerMessageOf<'file_ready'>): void {
    if (this.phase === 'cancelled') {
      // Cancelled before the room answered the offer: tell it now that we know the id.
      this.send({ type: 'file_cancel', fileId: message.fileId });
      return;
    }
    if (this.done) return;
    this.fileId = message.fileId;
    // Sealed chunks were laid out for the room's FILE_CHUNK_BYTES (as its offer check confirmed).
    if (this.sealed && message.chunkSize !== FILE_CHUNK_BYTES) {
      this.fail({ code: 'file_sealed_chunks', message: ERROR_MESSAGES.file_sealed_chunks });
      return;
    }
    if (
      Number.isInteger(message.chunkSize) &&
      message.chunkSize > 0 &&
      message.chunkSize <= MAX_FRAME_BYTES
    ) {
      this.chunkSize = message.chunkSize;
    }
    this.window = Math.max(1, Math.floor(message.window) || 1);
    this.next = this.acked = Math.min(message.next, this.totalChunks);
    this.meter.reset();
    this.report();
    if (this.acked >= this.totalChunks) {
      this.setPhase('checking');
      return;
    }
    this.setPhase('sending');
    void this.pump();
  }

  onAck(index: number): void {
    if (this.phase !== 'sending') return;
    // Cumulative, and never beyond what we sent.
    const acked = Math.min(index + 1, this.next);
    if (acked <= this.acked) return;
    this.acked = acked;
    this.resyncs = 0;
    this.report();
    if (this.acked >= this.totalChunks) this.setPhase('checking');
    else void this.pump();
  }

  onStored(): void {
    if (this.done || !this.fileId) return;
    this.acked = this.next = this.totalChunks;
    this.progress = progressOf(this.size, this.size, this.progress.bytesPerSecond);
    this.emit('progress', this.progress);
    this.finish('stored');
    this.emit('stored', { fileId: this.fileId });
  }

  onDeclined(by: string): void {
    this.emit('declined', { by });
  }

  onDelivered(by: string): void {
    this.emit('delivered', { by });
  }

  onCancelled(by: string): void {
    // After the file is stored, a cancel is one recipient giving up; before, the upload is over.
    if (!this.done) {
      this.epoch++;
      this.finish('cancelled', new Error(`cancelled by ${by}`));
    }
    this.emit('cancelled', { by });
  }

  /** Ends the upload; unless the room said so itself (`notify` false), tells the room too. */
  fail(failure: TransferFailure, notify = true): void {
    if (this.done) return;
    this.epoch++;
    if (notify && this.fileId) this.send({ type: 'file_cancel', fileId: this.fileId });
    this.finish('failed', Object.assign(new Error(failure.message), { code: failure.code }));
    this.emit('failed', failure);
  }

  /** The connection dropped: stop sending until the rejoin. */
  pause(): void {
    if (this.phase !== 'offering' && this.phase !== 'sending' && this.phase !== 'checking') return;
    this.epoch++;
    this.setPhase('paused');
  }

  /**
   * The room expected another chunk (file_chunk_order): it lost chunks it had not acknowledged
   * yet, e.g. when it was evicted while they waited to fill a staged object. Ask where to go on,
   * as after a reconnect; the errors for the chunks already on their way are ignored meanwhile.
   * Returns false, to fail the upload, when resyncing made no progress twice in a row.
   */
  resync(): boolean {
    if (this.phase === 'offering') return true;
    if (this.phase !== 'sending' || !this.fileId || this.resyncs >= 2) return false;
    this.resyncs++;
    this.epoch++;
    this.setPhase('offering');
    this.send({ type: 'file_resume', fileId: this.fileId });
    return true;
  }

  /** Rejoined with the same session: ask the room where to go on, or offer again. */
  resume(): void {
    if (this.phase !== 'paused' || !this.sha256) return;
    this.epoch++;
    if (this.fileId) {
      this.setPhase('offering');
      this.send({ type: 'file_resume', fileId: this.fileId });
    } else {
      this.sendOffer(this.sha256);
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Seals the offer when the recipient's keys are known; otherwise the file goes as today. */
  private async seal(to: string, sha256: string): Promise<void> {
    const parties = await this.link.e2e?.sealParties(to);
    if (!parties) return;
    const { sealFile } = await import('../e2e/file-seal');
    const facts = { name: this.meta.name, type: this.meta.mime, size: this.size, sha256 };
    this.sealed = await sealFile(facts, parties, this.ref, this.now());
  }

  private sendOffer(sha256: string): void {
    this.setPhase('offering');
    const { sealed, meta } = this;
    if (sealed && meta.to !== undefined) {
      const { envelope, wireSize, chunks } = sealed;
      this.send({ type: 'file_offer', ref: this.ref, to: meta.to, envelope, size: wireSize, chunks });
      return;
    }
    this.send({
      type: 'file_offer',
      ref: this.ref,
      ...(this.meta.to === undefined ? {} : { to: this.meta.to }),
      name: this.meta.name,
      size: this.size,
      mime: this.meta.mime,
      sha256,
    });
  }

  /** Sends chunks while the window has room. Order matters: one pump at a time, in index order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    const { epoch, fileId } = this;
    try {
      // The room's file_ready set the id before anything is sent.
      if (fileId === null) return;
      while (
        this.phase === 'sending' &&
        this.epoch === epoch &&
        this.next < this.totalChunks &&
        this.next - this.acked < this.window
      ) {
        if (!(await this.socketHasRoom(epoch))) return;
        const index = this.next;
        const start = index * this.plainChunkBytes;
        let data: Uint8Array;
        try {
          data = await readRange(this.data, start, Math.min(start + this.plainChunkBytes, this.size));
          if (this.sealed) data = await this.sealed.encrypt(index, data);
        } catch {
          // The Blob became unreadable (e.g. the file changed on disk).
          this.fail({ code: 'read_failed', message: 'The file could not be read.' });
          return;
        }
        if (this.phase !== 'sending' || this.epoch !== epoch) return;
        this.next = index + 1;
        await this.link.sendFileFrame(encodeChunk(fileId, index, data));
      }
    } catch {
      // Not connected any more: the rejoin resumes from the room's `next`.
    } finally {
      this.pumping = false;
      // A resume while the old pump was waiting: the new session's pump starts now.
      if (this.epoch !== epoch && this.phase === 'sending') void this.pump();
    }
  }

  /**
   * Waits while the socket still holds a chunk's worth of earlier frames. The window bounds what
   * the room has not acknowledged, but on a slow link most of it would sit in this socket, and a
   * chat message sent meanwhile would wait behind it (2 MiB took ~3 s at 750 KB/s). Chunks wait
   * here instead, unsealed, and chat goes first. False if the upload paused or ended meanwhile.
   */
  private async socketHasRoom(epoch: number): Promise<boolean> {
    while ((this.link.bufferedAmount ?? 0) >= this.chunkSize) {
      await new Promise((resolve) => setTimeout(resolve, PACE_POLL_MS));
      if (this.phase !== 'sending' || this.epoch !== epoch) return false;
    }
    return true;
  }

  private report(): void {
    const bytes = Math.min(this.acked * this.plainChunkBytes, this.size);
    const speed = this.meter.add(this.now(), bytes);
    this.progress = progressOf(bytes, this.size, speed);
    this.emit('progress', this.progress);
  }

  private send(message: Parameters<FileLink['sendFileFrame']>[0]): void {
    this.link.sendFileFrame(message).catch(() => undefined);
  }

  private setPhase(phase: UploadPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.emit('phase', phase);
  }

  private finish(phase: 'stored' | 'failed' | 'cancelled', error?: Error): void {
    this.setPhase(phase);
    if (error) this.settle.reject(error);
    else this.settle.resolve();
  }
}
