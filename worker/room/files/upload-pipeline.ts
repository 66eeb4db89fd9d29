// An upload on its way from the room's serial queue to R2. Chunks are checked, hashed and accepted
// in order inside the serial queue, and copied into the staged object they belong to (see
// staging.ts). An object is written once it is complete, or as it is when it stopped filling for a
// moment (the sender paused or went; the rest of it is written again later). Writes run on their
// own, so chat frames queued behind a chunk do not wait for R2; their completions are handled one
// after the other, in order, back in the serial queue, and only then are the chunks acknowledged.
// In memory only: after an eviction, SQLite's `next` says what is staged, and the head of a
// partly written object is read back from R2.

import type { Bytes } from '../../crypto/base64';
import { releaseBuffer } from '../release-buffer';
import { chunkCount, firstChunkOf, type ObjectLayout, objectBytes, objectOf } from './file-limits';

/** What the pipeline needs from the room. */
export interface UploadSink {
  /**
   * Encrypts and writes object `object`'s plaintext (all of it, or its head). When `complete`, the
   * object is never written again and `plain`'s buffer may be released once encrypted.
   */
  write(object: number, plain: Bytes, complete: boolean): Promise<void>;
  /** Chunks from..to-1 reached R2 (or their write failed). Called in chunk order. */
  staged(from: number, to: number, ok: boolean): Promise<void>;
  /** Runs `task` in the room's serial queue. */
  defer(task: () => Promise<void>): void;
}

interface FillingObject {
  object: number;
  /** Sized for the complete object. */
  data: Bytes;
  chunks: number;
}

export class UploadPipeline {
  /** Next chunk index to accept; ahead of SQLite's `next` while an object fills or is written. */
  accepted: number;
  /** Set once the upload is refused or cancelled: completions still in the chain are ignored. */
  ended = false;
  /** Chunks covered by the writes started so far (0..staged-1). */
  private staged: number;
  private filling: FillingObject | null = null;
  /** The chain of completions, in chunk order. */
  private tail: Promise<void> = Promise.resolve();
  /** R2 writes not finished yet: a file is deleted only after them, so none lands afterwards. */
  private readonly writes = new Set<Promise<boolean>>();
  /** The latest write of each object in flight: a rewrite must land after it, never before. */
  private readonly lastWrite = new Map<number, Promise<boolean>>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly chunks: number;
  /** Writes running, and writes waiting for one of them to finish (see maxWrites). */
  private running = 0;
  private readonly queued: (() => void)[] = [];

  constructor(
    readonly fileId: string,
    /** How the file's chunks fall into objects. */
    private readonly layout: ObjectLayout,
    next: number,
    private readonly sink: UploadSink,
    private readonly partialFlushMs: number,
    /** R2 writes of this upload running at once; more objects wait, in order, in memory. */
    private readonly maxWrites = Number.POSITIVE_INFINITY,
  ) {
    this.accepted = this.staged = next;
    this.chunks = chunkCount(layout.size, layout.chunkSize);
  }

  /**
   * The object chunk `index` goes into when that object's earlier chunks are in R2 but not in
   * memory (after an eviction): restore() them first. Null when nothing is missing.
   */
  missingHead(index: number): number | null {
    const object = objectOf(this.layout, index);
    const first = firstChunkOf(this.layout, object);
    return index > first && this.filling?.object !== object ? object : null;
  }

  /** Puts back object `object`'s chunks before `accepted`, read from R2. False if they are not all there. */
  restore(object: number, head: Bytes): boolean {
    const chunks = this.accepted - firstChunkOf(this.layout, object);
    const bytes = chunks * this.layout.chunkSize;
    // A longer head holds a chunk written just before the eviction but never acknowledged: it comes again.
    if (chunks <= 0 || head.byteLength < bytes) return false;
    const data = new Uint8Array(objectBytes(this.layout, object));
    data.set(head.subarray(0, bytes));
    this.filling = { object, data, chunks };
    return true;
  }

  /**
   * Copies chunk `accepted` into its object (the caller may release `data` afterwards) and writes
   * the object if that completed it.
   */
  accept(data: Bytes): void {
    const index = this.accepted;
    const object = objectOf(this.layout, index);
    const first = firstChunkOf(this.layout, object);
    if (this.filling?.object !== object) {
      this.filling = { object, data: new Uint8Array(objectBytes(this.layout, object)), chunks: 0 };
    }
    const filling = this.filling;
    filling.data.set(data, (index - first) * this.layout.chunkSize);
    filling.chunks++;
    this.accepted = index + 1;
    clearTimeout(this.flushTimer);
    if (first + filling.chunks === Math.min(first + this.layout.objectChunks, this.chunks)) {
      this.filling = null;
      this.startWrite(object, filling.data, true);
    } else {
      this.flushTimer = setTimeout(
        () => this.sink.defer(async () => this.flushPartial()),
        this.partialFlushMs,
      );
    }
  }

  /** Writes the object being filled as it is, if it holds chunks no write covers yet. */
  flushPartial(): void {
    const filling = this.filling;
    if (this.ended || !filling || this.accepted <= this.staged) return;
    this.startWrite(filling.object, filling.data.subarray(0, filling.chunks * this.layout.chunkSize), false);
  }

  /** Resolves once no R2 write of this upload is pending. */
  async drained(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  /** The upload is over (refused, cancelled or expired): nothing more is written or acknowledged. */
  end(): void {
    this.ended = true;
    clearTimeout(this.flushTimer);
    this.filling = null;
  }

  /** Starts writing `plain` as object `object`; a `complete` object's buffer is released by then. */
  private startWrite(object: number, plain: Bytes, complete: boolean): void {
    const from = this.staged;
    const to = this.accepted;
    this.staged = to;
    // Order matters: a rewrite of an object waits for its earlier write, or the shorter one could land last.
    const previous = this.lastWrite.get(object);
    const run = () => this.whenSlotFree(() => this.sink.write(object, plain, complete));
    const started = previous ? previous.then(run) : run();
    const write = started.then(
      () => true,
      () => false,
    );
    this.lastWrite.set(object, write);
    this.writes.add(write);
    void write.then(() => {
      this.writes.delete(write);
      if (this.lastWrite.get(object) === write) this.lastWrite.delete(object);
      if (complete) releaseBuffer(plain);
    });
    this.tail = this.tail
      .then(() => write)
      .then((ok) => this.sink.staged(from, to, ok))
      .catch(() => undefined);
  }

  /** Runs `task` now if fewer than maxWrites are running, else once one of them finishes. */
  private whenSlotFree(task: () => Promise<void>): Promise<void> {
    const start = (): Promise<void> => {
      // Ended while waiting for a slot: the file is going, and so would this object.
      if (this.ended) return Promise.resolve();
      this.running++;
      return task().finally(() => {
        this.running--;
        this.queued.shift()?.();
      });
    };
    if (this.running < this.maxWrites) return start();
    return new Promise<void>((resolve, reject) => {
      this.queued.push(() => void start().then(resolve, reject));
    });
  }
}
