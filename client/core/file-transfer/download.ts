// One incoming file: an offer until accepted or declined, then chunks in index order, each
// acknowledged, written into one buffer of the declared size. When the last byte is in, the
// SHA-256 is checked against the one the sender declared (relayed by the room); only a match is
// kept. After a reconnect it asks for the next chunk it needs (file_accept {from}), never for the
// whole file again. The room may make it wait for a download slot (file_queued), refuse its start
// for a moment (too_expensive: Accept again after RETRY_WAIT_MS) or refuse a restart from chunk 0
// (file_restart_limit: it goes on from the chunks it has, if any). A private file sealed end to end
// (`sealed`) arrives as ciphertext: each chunk is decrypted in order before it is acknowledged, the
// first one's content type is checked here, as the room checks a Lobby file's (content-check.ts),
// and the SHA-256 is the plaintext's, from the sealed offer. Tested in
// test/unit/client/core/file-transfer/download.test.ts, download-waits.test.ts and sealed-download.test.ts.

import type { Bytes } from '#crypto/base64';
import type { FileChunk } from '#protocol/chunk-codec';
import { ERROR_MESSAGES } from '#protocol/errors';
import { savedFileName } from '#protocol/file-name';
import { MAX_FRAME_BYTES } from '#protocol/limits';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { OpenedFile } from '../e2e/file-seal';
import { Emitter } from '../emitter';
import { checkContent } from './content-check';
import type { FileLink } from './file-link';
import { sha256Hex } from './sha256';
import { progressOf, RateMeter, type TransferProgress } from './transfer-progress';
import type { TransferFailure } from './upload';

/**
 * An offer as the download shows it: the room's, or for a sealed private file what the sender
 * sealed (name, claimed type, plaintext size and SHA-256) with the room's id, sender and chunk size.
 */
export type FileOffer = Exclude<ServerMessageOf<'file_offered'>, { envelope: unknown }>;

export type DownloadPhase =
  | 'offered'
  /** Accepted, waiting for a free download slot in the room (file_queued); chunks follow. */
  | 'queued'
  | 'receiving'
  /** The room refused the start for now (too_expensive); it may be accepted again shortly. */
  | 'throttled'
  /** A refused start may be accepted again. */
  | 'retry'
  /** The connection dropped; goes on after the rejoin. */
  | 'paused'
  /** All bytes are in; checking the SHA-256. */
  | 'checking'
  | 'done'
  | 'declined'
  | 'failed'
  | 'cancelled';

export interface DownloadEvents extends Record<string, unknown> {
  phase: DownloadPhase;
  progress: TransferProgress;
  /** The verified file. */
  done: Bytes;
  failed: TransferFailure;
  /** The room refused the start for now (too_expensive): why, to show until it goes on. */
  refused: TransferFailure;
  cancelled: { by: string };
}

/**
 * How long a download the room refused with too_expensive waits before Accept may ask again. The
 * room's budget refills about one request a second (EXPENSIVE_PER_MIN 60), so one more will go.
 */
export const RETRY_WAIT_MS = 3_000;

/** Larger than any room allows; guards the one allocation an offer's size decides. */
const MAX_DOWNLOAD_BYTES = 2 ** 31 - 1;
const TERMINAL: ReadonlySet<DownloadPhase> = new Set(['done', 'declined', 'failed', 'cancelled']);
/** Asked for: chunks may come (a queued download's first chunk ends its wait). */
const ASKED: ReadonlySet<DownloadPhase> = new Set(['receiving', 'queued']);

export class Download extends Emitter<DownloadEvents> {
  phase: DownloadPhase = 'offered';
  /**
   * The offer's name, sanitised again here (display and save names never trust the wire) and
   * ending in an extension of the type the room detected: what the card shows is what is saved.
   */
  readonly name: string;
  progress: TransferProgress;
  private buffer: Bytes | null = null;
  /** The next chunk index we need. */
  private next = 0;
  private result: Promise<Bytes> | null = null;
  private settle: { resolve: (b: Bytes) => void; reject: (e: Error) => void } | null = null;
  private readonly meter = new RateMeter();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** A sealed file's chunks, decrypted one after another in index order. */
  private opening: Promise<void> = Promise.resolve();
  /** The type the content was checked to be (a sealed file's, once its first chunk is in). */
  private detected: string | null = null;

  constructor(
    private readonly link: FileLink,
    readonly offer: FileOffer,
    private readonly now: () => number = Date.now,
    /** A private file sealed end to end: how its chunks decrypt. */
    readonly sealed: OpenedFile | null = null,
    private readonly allowedTypes?: readonly string[],
  ) {
    super();
    this.name = savedFileName(offer.name, offer.mime);
    this.progress = progressOf(0, offer.size);
  }

  get fileId(): string {
    return this.offer.fileId;
  }

  get done(): boolean {
    return TERMINAL.has(this.phase);
  }

  get totalChunks(): number {
    return this.sealed?.chunks ?? Math.ceil(this.offer.size / this.offer.chunkSize);
  }

  /** The type to save and preview as: what the content was checked to be, else the offer's. */
  get mime(): string {
    return this.detected ?? this.offer.mime;
  }

  /** The verified bytes, until release(). */
  get bytes(): Bytes | null {
    return this.phase === 'done' ? this.buffer : null;
  }

  /**
   * Starts the download; resolves with the verified bytes, rejects on mismatch or cancel. Once
   * the room refused the start for a moment (phase 'retry'), asks again from the next chunk needed.
   */
  accept(): Promise<Bytes> {
    if (this.result) {
      if (this.phase === 'retry') {
        // The wait does not count as slowness.
        this.meter.reset();
        this.meter.add(this.now(), this.progress.bytes);
        this.ask();
      }
      return this.result;
    }
    this.result = new Promise<Bytes>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.result.catch(() => undefined);
    const { size, chunkSize } = this.offer;
    if (
      !Number.isSafeInteger(size) ||
      size <= 0 ||
      size > MAX_DOWNLOAD_BYTES ||
      !Number.isSafeInteger(chunkSize) ||
      chunkSize <= 0 ||
      chunkSize > MAX_FRAME_BYTES
    ) {
      this.fail({ code: 'bad_offer', message: 'The offer is not valid.' }, false);
      return this.result;
    }
    this.buffer = new Uint8Array(size);
    this.next = 0;
    this.meter.add(this.now(), 0);
    this.ask();
    return this.result;
  }

  decline(): void {
    if (this.phase !== 'offered') return;
    this.send({ type: 'file_decline', fileId: this.fileId });
    this.setPhase('declined');
  }

  cancel(): void {
    if (this.done) return;
    if (this.phase === 'offered') {
      this.decline();
      return;
    }
    this.send({ type: 'file_cancel', fileId: this.fileId });
    this.end('cancelled', new Error('cancelled'));
    this.emit('cancelled', { by: this.link.name ?? '' });
  }

  /** Lets go of the verified bytes once the caller has its own copy (e.g. a Blob). */
  release(): void {
    this.buffer = null;
  }

  // ---- from FileTransfers ------------------------------------------------------------------

  onChunk(chunk: FileChunk): void {
    if (!ASKED.has(this.phase) || !this.buffer) return;
    // Order matters: a repeat of a chunk we have is harmless; a gap means we lost data.
    if (chunk.index < this.next) return;
    if (chunk.index > this.next) {
      this.fail({ code: 'file_chunk_order', message: ERROR_MESSAGES.file_chunk_order });
      return;
    }
    const { chunkSize } = this.offer;
    const wireSize = this.sealed?.wireSize ?? this.offer.size;
    const last = chunk.index === this.totalChunks - 1;
    const expected = last ? wireSize - chunk.index * chunkSize : chunkSize;
    if (chunk.data.byteLength !== expected) {
      this.fail({ code: 'file_size_mismatch', message: ERROR_MESSAGES.file_size_mismatch });
      return;
    }
    if (this.sealed) {
      // Order matters: the next chunk index advances now, the decryption follows in index order.
      this.next = chunk.index + 1;
      const { index, data } = chunk;
      this.opening = this.opening.then(() => this.openChunk(index, data, last));
      return;
    }
    this.store(chunk.index, chunk.data, last);
  }

  /** Decrypts a sealed chunk; its first one's content must be of an allowed type (and the claimed one). */
  private async openChunk(index: number, data: Bytes, last: boolean): Promise<void> {
    const sealed = this.sealed;
    if (!sealed || !this.buffer) return;
    const plain = await sealed.decrypt(index, data);
    if (!this.buffer || this.done) return;
    if (!plain) {
      this.fail({
        code: 'e2e_failed',
        message: 'This file could not be decrypted: a chunk was altered or misplaced.',
      });
      return;
    }
    if (index === 0) {
      const verdict = await checkContent(plain, this.offer.mime, this.allowedTypes);
      if (!this.buffer || this.done) return;
      if (!verdict.ok) {
        this.fail(verdict.failure);
        return;
      }
      this.detected = verdict.mime;
    }
    if (
      plain.byteLength !== Math.min(sealed.plainChunkBytes, this.offer.size - index * sealed.plainChunkBytes)
    ) {
      this.fail({ code: 'file_size_mismatch', message: ERROR_MESSAGES.file_size_mismatch });
      return;
    }
    this.store(index, plain, last);
  }

  /** Chunk `index`'s bytes of the file are in: keep them, acknowledge, and verify after the last. */
  private store(index: number, data: Bytes, last: boolean): void {
    if (!this.buffer) return;
    const { size } = this.offer;
    const offset = index * (this.sealed?.plainChunkBytes ?? this.offer.chunkSize);
    this.buffer.set(data, offset);
    this.next = Math.max(this.next, index + 1);
    // A queued download's first chunk ends its wait; a paused one stays paused until the rejoin.
    if (this.phase === 'queued') this.setPhase('receiving');
    this.send({ type: 'file_ack', fileId: this.fileId, index });
    const bytes = offset + data.byteLength;
    this.progress = progressOf(bytes, size, this.meter.add(this.now(), bytes));
    this.emit('progress', this.progress);
    if (last) void this.verify();
  }

  /** The room took our file_accept, but it waits for a free download slot. */
  onQueued(): void {
    if (this.phase === 'receiving' && this.next < this.totalChunks) this.setPhase('queued');
  }

  /**
   * The room refused our file_accept for now (too_expensive). Nothing is lost: after
   * RETRY_WAIT_MS the download may be accepted again, and goes on from the next chunk it needs.
   */
  onRefused(failure: TransferFailure): void {
    if (!ASKED.has(this.phase)) return;
    this.setPhase('throttled');
    this.emit('refused', failure);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.phase === 'throttled') this.setPhase('retry');
    }, RETRY_WAIT_MS);
  }

  /**
   * The room refused a restart from chunk 0 (file_restart_limit). With chunks in hand, ask for
   * the next one instead (never refused) and return true; with none, the download cannot go on.
   */
  onRestartLimit(failure: TransferFailure): boolean {
    if (this.done) return false;
    if (ASKED.has(this.phase) && this.next > 0) {
      this.request();
      return true;
    }
    this.fail(failure, false);
    return false;
  }

  /** The sender (or the room) cancelled the file. */
  onCancelled(by: string): void {
    if (this.done) return;
    this.end('cancelled', new Error(`cancelled by ${by}`));
    this.emit('cancelled', { by });
  }

  /** Keeps nothing of a file that failed and (unless the room said so) tells the room we stopped. */
  fail(failure: TransferFailure, notify = true): void {
    if (this.done) return;
    if (notify) this.send({ type: 'file_cancel', fileId: this.fileId });
    this.end('failed', Object.assign(new Error(failure.message), { code: failure.code }));
    this.emit('failed', failure);
  }

  pause(): void {
    if (ASKED.has(this.phase)) this.setPhase('paused');
  }

  /** Rejoined with the same session: ask for the next chunk we need. */
  resume(): void {
    if (this.phase !== 'paused' || !this.buffer) return;
    this.meter.reset();
    this.meter.add(this.now(), this.progress.bytes);
    this.request();
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Asks for the next chunk needed now, or once the connection is back. */
  private ask(): void {
    if (this.link.status === 'connected') this.request();
    else this.setPhase('paused');
  }

  private request(): void {
    this.setPhase('receiving');
    this.send({ type: 'file_accept', fileId: this.fileId, from: this.next });
  }

  private async verify(): Promise<void> {
    const buffer = this.buffer;
    if (!buffer) return; // released: the download ended meanwhile
    this.setPhase('checking');
    const actual = await sha256Hex(buffer);
    if (this.phase !== 'checking') return; // cancelled meanwhile
    if (actual !== this.offer.sha256) {
      this.fail({ code: 'file_hash_mismatch', message: ERROR_MESSAGES.file_hash_mismatch });
      return;
    }
    this.send({ type: 'file_done', fileId: this.fileId });
    this.setPhase('done');
    this.settle?.resolve(buffer);
    this.emit('done', buffer);
  }

  private end(phase: 'failed' | 'cancelled', error: Error): void {
    clearTimeout(this.retryTimer);
    this.buffer = null;
    this.setPhase(phase);
    this.settle?.reject(error);
  }

  private send(message: Parameters<FileLink['sendFileFrame']>[0]): void {
    this.link.sendFileFrame(message).catch(() => undefined);
  }

  private setPhase(phase: DownloadPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.emit('phase', phase);
  }
}
