// Downloads: a recipient's file_accept starts a pump that reads the staged objects from R2 one at
// a time, decrypts them with the file's key and queues their chunks for the recipient's socket as
// chunk payloads (sealed with its session key by the outbox). At most a window of chunks is
// unacknowledged, sized by the pace of the recipient's acks (download-window.ts); each file_ack
// lets another go. A file_accept {from} after a reconnect carries on where it stopped, and so does
// the next ack after an eviction. Progress is not written to SQLite per chunk: each write is a
// commit (an fsync in local workerd, on the thread that runs everything) that also holds every
// outgoing frame, chat included, until it is done.

import { encodeChunk } from '../../protocol/chunk-codec';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import { errorName, logEvent } from '../log';
import { releaseBuffer } from '../release-buffer';
import type { RoomContext } from '../room-context';
import { DownloadWindow } from './download-window';
import { chunkCount, expectedChunkBytes, firstChunkOf, objectBytes, objectOf } from './file-limits';
import { downloadKey } from './file-room';
import { type FileRow, SETTLED } from './file-store';

/**
 * Sends one file to one recipient's socket. Runs outside the room's serial queue (R2 reads must not
 * hold up chat), so it checks `stopped` after every await.
 */
export class DownloadPump {
  readonly fileId: string;
  readonly chunks: number;
  private stopped = false;
  private running = false;
  /** The decrypted object the next chunks come from; released once its last chunk is queued. */
  private object: { index: number; data: Uint8Array } | null = null;
  /** How many chunks may be unacknowledged, from the pace of the recipient's acks. */
  readonly window: DownloadWindow;

  constructor(
    private readonly room: RoomContext,
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
    this.window = new DownloadWindow(file.chunkSize, room.files.limits.downloadWindow);
  }

  /** The recipient acknowledged chunks 0..index. */
  ack(index: number, now: number): void {
    if (index + 1 <= this.acked) return;
    this.window.acked(now, (index + 1 - this.acked) * this.file.chunkSize);
    this.acked = index + 1;
  }

  stop(): void {
    this.stopped = true;
    // A run in progress lets go of its object itself when it notices.
    if (!this.running) this.dropObject();
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
      while (this.alive && this.sent < this.chunks && this.sent - this.acked < this.window.size) {
        const index = this.sent;
        const object = await this.objectFor(index);
        if (!this.alive) return;
        if (!object) {
          // The file was deleted meanwhile (cancelled or expired).
          this.stopped = true;
          return;
        }
        const offset = (index - firstChunkOf(this.file, object.index)) * chunkSize;
        const data = object.data.subarray(
          offset,
          offset + expectedChunkBytes(this.file.size, chunkSize, index),
        );
        this.sent = index + 1;
        // encodeChunk copies: the outbox owns the payload, and the object can go after its last chunk.
        this.room.outbox.sendBinary(this.live, encodeChunk(this.fileId, index, data));
        if (offset + data.byteLength === object.data.byteLength) this.dropObject();
      }
    } catch (error) {
      this.stopped = true;
      logEvent('file_read_error', { fileId: this.fileId, error: errorName(error) });
      this.room.outbox.error(this.live, 'internal', { fileId: this.fileId });
    } finally {
      if (!this.alive) this.dropObject();
      // Synchronous with the loop's last check: an ack arriving from now on starts a new run.
      this.running = false;
    }
  }

  /** The decrypted object holding chunk `index`, read from R2 unless it is the one in hand. */
  private async objectFor(index: number): Promise<{ index: number; data: Uint8Array } | null> {
    const wanted = objectOf(this.file, index);
    if (this.object?.index === wanted) return this.object;
    this.dropObject();
    const data = await this.room.files.staging.get(this.fileId, wanted, this.file.key);
    if (!data) return null;
    if (data.byteLength !== objectBytes(this.file, wanted)) {
      releaseBuffer(data);
      throw new RangeError(`staged object ${wanted} has the wrong size`);
    }
    this.object = { index: wanted, data };
    return this.object;
  }

  private dropObject(): void {
    if (this.object) releaseBuffer(this.object.data);
    this.object = null;
  }
}

export async function handleFileAccept(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'file_accept'>,
): Promise<void> {
  const { store, downloads } = room.files;
  const about = { fileId: msg.fileId };
  const file = store.getFile(msg.fileId);
  if (!file) return room.outbox.error(live, 'file_unknown', about);
  const key = nameKey(live.att.name!);
  const recipient = store.getRecipient(file.fileId, key);
  // Recipients are recorded once the file is staged, so this also refuses an upload in progress.
  if (!recipient || file.state !== 'stored') {
    logEvent('file_forbidden', { fileId: file.fileId, by: live.att.name! });
    return room.outbox.error(live, 'file_forbidden', about);
  }
  if (SETTLED.has(recipient.state)) return room.outbox.error(live, 'file_finished', about);
  const chunks = chunkCount(file.size, file.chunkSize);
  const from = msg.from ?? 0;
  if (from > chunks) {
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail: `the file has ${chunks} chunks` });
  }
  room.files.stopDownloads(file.fileId, key);
  store.startDownload(file.fileId, key, from);
  const pump = new DownloadPump(room, live, file, key, from, from);
  downloads.set(downloadKey(file.fileId, key), pump);
  logEvent('file_download', { fileId: file.fileId, by: live.att.name!, from, chunks });
  room.audit.record('file_accepted', {
    user: live.att.name!,
    peer: file.uploader,
    size: file.size,
    ref: file.fileId,
    detail: { fromChunk: from },
  });
  pump.kick();
}

/** A recipient acknowledges chunks 0..index (cumulative). */
export async function handleDownloadAck(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'file_ack'>,
): Promise<void> {
  const { store, downloads } = room.files;
  const about = { fileId: msg.fileId };
  const key = nameKey(live.att.name!);
  let pump = downloads.get(downloadKey(msg.fileId, key));
  if (!pump || pump.live !== live) {
    const file = store.getFile(msg.fileId);
    const recipient = file ? store.getRecipient(file.fileId, key) : null;
    if (!file || !recipient || recipient.state !== 'downloading') {
      return room.outbox.error(live, 'file_unknown', about);
    }
    pump?.stop();
    // A pump on another socket: what it sent after this ack was lost with that socket. No pump
    // after an eviction: this socket may hold chunks after this one too; their acks follow, and a
    // chunk sent again meanwhile is one the recipient already has (it skips it).
    const from = Math.max(recipient.acked, msg.index + 1);
    pump = new DownloadPump(room, live, file, key, from, from, !pump);
    downloads.set(downloadKey(file.fileId, key), pump);
  }
  if (msg.index >= pump.sent) {
    if (!pump.rebuilt) {
      return room.outbox.error(live, 'file_chunk_order', { ...about, detail: 'that chunk was not sent yet' });
    }
    pump.sent = msg.index + 1;
  }
  pump.ack(msg.index, room.now());
  pump.kick();
}
