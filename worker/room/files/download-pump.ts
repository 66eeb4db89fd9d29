// One download in progress: a pump that takes a staged file's objects one at a time, decrypted,
// from the room's shared cache (staged-object-cache.ts, which reads them from R2) and queues their
// chunks for one recipient's socket, no more than the window lets be unacknowledged. It holds no
// object between reads: it asks for one only when the window has room for all of its chunks it will
// send (readBatch), copies them out and lets it go at once. It asks only for what it uses: the
// outbox's binary send and error, the cache's reads and its window. Downloads (downloads.ts) owns
// the running pumps.

import { encodeChunk } from '../../protocol/chunk-codec';
import type { LiveSocket } from '../live-socket';
import { errorName, logEvent } from '../log';
import type { Outbox } from '../outbox';
import { type DownloadWindow, readBatch } from './download-window';
import { chunkCount, expectedChunkBytes, firstChunkOf, objectBytes, objectOf } from './file-limits';
import type { FileRow } from './file-store';
import type { ObjectLease, StagedObjectCache } from './staged-object-cache';

/** What a pump reads from and writes to. */
export interface PumpIo {
  readonly outbox: Pick<Outbox, 'sendBinary' | 'error'>;
  readonly objects: Pick<StagedObjectCache, 'get'>;
}

/** The key of a running download: one per file and recipient. */
export function downloadKey(fileId: string, recipientKey: string): string {
  return `${fileId}/${recipientKey}`;
}

/**
 * Sends one file to one recipient's socket. Runs outside the room's serial queue (R2 reads must not
 * hold up chat), so it checks `stopped` after every await.
 */
export class DownloadPump {
  readonly fileId: string;
  readonly chunks: number;
  private stopped = false;
  private running = false;

  constructor(
    private readonly io: PumpIo,
    /** How many chunks may be unacknowledged, from the pace of the recipient's acks. */
    private readonly window: DownloadWindow,
    readonly live: LiveSocket,
    private readonly file: FileRow,
    readonly recipientKey: string,
    /** Chunks queued for the socket: 0..sent-1. */
    public sent: number,
    /** Chunks the recipient acknowledged: 0..acked-1. */
    public acked: number,
    /**
     * Rebuilt after an eviction: what the pump before it sent is unknown, so an acknowledgement of
     * a later chunk is taken as the recipient's word (the socket outlived the eviction).
     */
    readonly rebuilt = false,
  ) {
    this.fileId = file.fileId;
    this.chunks = chunkCount(file.size, file.chunkSize);
  }

  /** The recipient acknowledged chunks 0..index. */
  ack(index: number, now: number): void {
    if (index + 1 <= this.acked) return;
    this.window.acked(now, (index + 1 - this.acked) * this.file.chunkSize);
    this.acked = index + 1;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Every chunk was acknowledged: the download no longer needs its slot. */
  get done(): boolean {
    return this.acked >= this.chunks;
  }

  /** Sends what the window allows; a no-op while a previous call is still reading. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.run();
  }

  private get alive(): boolean {
    return !this.stopped && !this.live.closed;
  }

  private async run(): Promise<void> {
    const { chunkSize } = this.file;
    try {
      while (this.alive && this.sent < this.chunks) {
        const object = objectOf(this.file, this.sent);
        const first = firstChunkOf(this.file, object);
        const end = Math.min(first + this.file.objectChunks, this.chunks);
        const batch = readBatch(this.window.size, this.sent, this.acked, end);
        if (batch === 0) return;
        const lease = await this.read(object);
        if (!this.alive) {
          lease?.release();
          return;
        }
        if (!lease) {
          // The file was deleted meanwhile (cancelled or expired).
          this.stopped = true;
          return;
        }
        // Acknowledgements during the read may have opened the window further, never closed it.
        const count = Math.max(batch, readBatch(this.window.size, this.sent, this.acked, end));
        const to = Math.min(end, this.sent + count);
        try {
          for (let index = this.sent; index < to; index++) {
            const offset = (index - first) * chunkSize;
            const size = expectedChunkBytes(this.file.size, chunkSize, index);
            // encodeChunk copies: the outbox owns the payload; the object is shared, and goes back.
            this.io.outbox.sendBinary(
              this.live,
              encodeChunk(this.fileId, index, lease.data.subarray(offset, offset + size)),
            );
          }
        } finally {
          lease.release();
        }
        this.sent = to;
      }
    } catch (error) {
      this.stopped = true;
      logEvent('file_read_error', {
        fileId: this.fileId,
        error: errorName(error),
      });
      this.io.outbox.error(this.live, 'internal', { fileId: this.fileId });
    } finally {
      // Synchronous with the loop's last check: an ack arriving from now on starts a new run.
      this.running = false;
    }
  }

  /** Object `object`'s plaintext, shared with other downloads of the file; the caller releases it. */
  private async read(object: number): Promise<ObjectLease | null> {
    // A Lobby file's other recipients will want the same object; a private file's nobody.
    const lease = await this.io.objects.get(this.fileId, object, this.file.key, this.file.toKey === null);
    if (!lease) return null;
    if (lease.data.byteLength !== objectBytes(this.file, object)) {
      lease.release();
      throw new RangeError(`staged object ${object} has the wrong size`);
    }
    return lease;
  }
}
