// Downloads: a recipient's file_accept starts a pump that reads chunks from R2, decrypts them with
// the file's key and queues them for the recipient's socket as chunk payloads (sealed with its
// session key by the outbox, in order with its other frames). At most `window` chunks are
// unacknowledged; each file_ack from the recipient lets another go. Progress is kept in SQLite, so
// a file_accept {from} after a reconnect, or an ack after an eviction, carries on where it stopped.

import { encodeChunk } from '../../protocol/chunk-codec';
import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { chunkCount } from './file-limits';
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

  constructor(
    private readonly room: RoomContext,
    readonly live: LiveSocket,
    private readonly file: FileRow,
    readonly recipientKey: string,
    /** Chunks queued for the socket: 0..sent-1. */
    public sent: number,
    /** Chunks the recipient acknowledged: 0..acked-1. */
    public acked: number,
  ) {
    this.fileId = file.fileId;
    this.chunks = chunkCount(file.size, file.chunkSize);
  }

  stop(): void {
    this.stopped = true;
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
    const { staging, store, limits } = this.room.files;
    try {
      while (this.alive && this.sent < this.chunks && this.sent - this.acked < limits.window) {
        const index = this.sent;
        const data = await staging.get(this.fileId, index, this.file.key);
        if (!this.alive) return;
        if (!data) {
          // The file was deleted meanwhile (cancelled or expired).
          this.stopped = true;
          return;
        }
        this.sent = index + 1;
        store.recordSent(this.fileId, this.recipientKey, this.sent);
        this.room.outbox.sendBinary(this.live, encodeChunk(this.fileId, index, data));
      }
    } catch (error) {
      this.stopped = true;
      logEvent('file_read_error', {
        fileId: this.fileId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      this.room.outbox.error(this.live, 'internal', { fileId: this.fileId });
    } finally {
      // Synchronous with the loop's last check: an ack arriving from now on starts a new run.
      this.running = false;
    }
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
    // No pump after an eviction: the same socket got everything sent (a socket that closed reset
    // `sent` to `acked`, see FileRoom.forgetSocket). A pump on another socket: what it sent after
    // this ack was lost with that socket.
    const sent = pump ? Math.max(recipient.acked, msg.index + 1) : recipient.sent;
    pump = new DownloadPump(room, live, file, key, sent, recipient.acked);
    downloads.set(downloadKey(file.fileId, key), pump);
  }
  if (msg.index >= pump.sent) {
    return room.outbox.error(live, 'file_chunk_order', { ...about, detail: 'that chunk was not sent yet' });
  }
  if (msg.index + 1 > pump.acked) {
    pump.acked = msg.index + 1;
    store.recordAcked(pump.fileId, key, pump.acked);
  }
  pump.kick();
}
