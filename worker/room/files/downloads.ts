// The room's running downloads, owned by FileRoom (file-room.ts): one pump per file and recipient
// (download-pump.ts), at most MAX_DOWNLOADS_PER_SOCKET sending per socket and MAX_DOWNLOADS_PER_ROOM
// in the room (download-slots.ts; the rest wait their turn, told so with file_queued), a limit on
// restarts from chunk 0, and the decrypted staged objects the pumps share (staged-object-cache.ts),
// kept while a download of their file is left. In memory only: after an eviction the next ack
// rebuilds a pump from SQLite. Tested in test/worker/files-cost.test.ts, files-shared-reads.test.ts
// and files-transfer.test.ts.

import type { Config } from '../../config';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import type { LiveSocket } from '../live-socket';
import { logEvent } from '../log';
import type { Outbox } from '../outbox';
import { DownloadPump, downloadKey, type PumpIo } from './download-pump';
import { DownloadSlots } from './download-slots';
import { DownloadWindow } from './download-window';
import type { FileRow, FileStore } from './file-store';
import { ReadGate } from './read-gate';
import { MAX_STAGED_READS, STAGED_CACHE_BYTES, StagedObjectCache } from './staged-object-cache';
import type { Staging } from './staging';

/**
 * Restarts from chunk 0 of one file one recipient may make in a wake-up. Each reads the whole file
 * from R2 again; a client resuming says where it stopped (file_accept {from}) and is not limited.
 */
export const MAX_RESTARTS_FROM_ZERO = 3;

export type DownloadVars = Pick<Config, 'MAX_DOWNLOADS_PER_SOCKET' | 'MAX_DOWNLOADS_PER_ROOM'>;

interface DownloadIo {
  readonly outbox: Pick<Outbox, 'send' | 'sendBinary' | 'error'>;
  readonly staging: Pick<Staging, 'get'>;
  readonly store: Pick<FileStore, 'startDownload' | 'getFile' | 'getRecipient' | 'recordDownloadStopped'>;
  now(): number;
}

export class Downloads {
  /** By downloadKey(fileId, recipient's name key). */
  private readonly pumps = new Map<string, DownloadPump>();
  private readonly slots: DownloadSlots<LiveSocket, DownloadPump>;
  /** Restarts from chunk 0 so far, by downloadKey. */
  private readonly restarts = new Map<string, number>();
  /** What the pumps read: shared, so recipients of one file cost one read of each object. */
  private readonly objects: StagedObjectCache;
  private readonly pumpIo: PumpIo;

  constructor(
    private readonly io: DownloadIo,
    vars: DownloadVars,
    /** The most chunks a download may have unacknowledged (download-window.ts). */
    private readonly maxWindow: number,
  ) {
    this.slots = new DownloadSlots(vars.MAX_DOWNLOADS_PER_SOCKET, vars.MAX_DOWNLOADS_PER_ROOM);
    const objects = new StagedObjectCache(io.staging, new ReadGate(MAX_STAGED_READS), STAGED_CACHE_BYTES);
    this.objects = objects;
    // Read when used, like FileRoom's: the room builds its outbox after its files.
    this.pumpIo = {
      get outbox() {
        return io.outbox;
      },
      objects,
    };
  }

  /**
   * A recipient's download starts (or starts again) at chunk `from`, on `live`: at once, or when a
   * slot is free. Refused when it would restart from 0 once too often. Chunks from `from` that are
   * already on their way to this socket (sent, not yet acknowledged) are not queued again: they
   * arrive, in order, before anything the new pump sends. A client acknowledges each chunk it keeps
   * (client/core/file-transfer/download.ts), so any it got before asking again were acknowledged
   * first, and go again; a script that never acknowledges gets each chunk once per socket.
   */
  start(live: JoinedSocket, file: FileRow, from: number, restart: boolean): 'file_restart_limit' | null {
    const key = nameKey(live.att.name);
    const id = downloadKey(file.fileId, key);
    if (restart && from === 0) {
      const count = (this.restarts.get(id) ?? 0) + 1;
      if (count > MAX_RESTARTS_FROM_ZERO) return 'file_restart_limit';
      this.restarts.set(id, count);
    }
    const before = this.pumps.get(id);
    const onTheWay = before?.live === live && before.acked <= from && from < before.sent ? before.sent : from;
    for (const [other, pump] of this.pumps) {
      if (pump.fileId === file.fileId && pump.recipientKey === key) this.end(other, pump, false);
    }
    this.io.store.startDownload(file.fileId, key, from);
    const pump = this.newPump(live, file, key, from, false);
    pump.sent = onTheWay;
    this.run(id, pump);
    return null;
  }

  /**
   * A recipient acknowledges chunks 0..index (cumulative) and the window lets more go; null, or
   * why it was refused. The pump is rebuilt when there is none (after an eviction) or it ran on
   * another socket.
   */
  acknowledge(live: JoinedSocket, fileId: string, index: number): 'file_unknown' | 'file_chunk_order' | null {
    const key = nameKey(live.att.name);
    const id = downloadKey(fileId, key);
    let pump = this.pumps.get(id);
    if (!pump || pump.live !== live) {
      const file = this.io.store.getFile(fileId);
      const recipient = file ? this.io.store.getRecipient(file.fileId, key) : null;
      if (!file || !recipient || recipient.state !== 'downloading') return 'file_unknown';
      if (pump) this.end(id, pump);
      // A pump on another socket: what it sent after this ack was lost with that socket. No pump
      // after an eviction: this socket may hold chunks after this one too; their acks follow, and a
      // chunk sent again meanwhile is one the recipient already has (it skips it).
      const from = Math.max(recipient.acked, index + 1);
      pump = this.newPump(live, file, key, from, !pump);
      this.run(id, pump);
    }
    if (index >= pump.sent) {
      if (!pump.rebuilt) return 'file_chunk_order';
      pump.sent = index + 1;
    }
    pump.ack(index, this.io.now());
    // Every chunk acknowledged: its slot goes to the next download waiting (the pump stays, for
    // the recipient's file_done).
    if (pump.done) {
      this.startAll(this.slots.release(pump));
      this.dropUnused(fileId);
    } else if (this.slots.isRunning(pump)) pump.kick();
    return null;
  }

  /** Whether a file_ack advances a running download (then it is part of the data flow, not chat). */
  isFlowAck(live: LiveSocket, fileId: string, index: number): boolean {
    if (!live.att.name) return false;
    const pump = this.pumps.get(downloadKey(fileId, nameKey(live.att.name)));
    return pump !== undefined && pump.live === live && index >= pump.acked && index < pump.sent;
  }

  /**
   * A socket went: its downloads stop, and what was sent but not acknowledged is lost with it, so
   * the download continues from the last acknowledged chunk (normally via file_accept {from}).
   */
  forgetSocket(live: LiveSocket): void {
    for (const [id, pump] of this.pumps) {
      if (pump.live !== live) continue;
      this.end(id, pump);
      this.io.store.recordDownloadStopped(pump.fileId, pump.recipientKey, pump.acked);
    }
  }

  /** Stops the downloads of one file (then its restart counts go too), or of one recipient of it. */
  stop(fileId: string, recipientKey?: string): void {
    for (const [id, pump] of this.pumps) {
      if (pump.fileId !== fileId || (recipientKey !== undefined && pump.recipientKey !== recipientKey))
        continue;
      this.end(id, pump);
    }
    if (recipientKey === undefined) {
      for (const id of this.restarts.keys()) if (id.startsWith(`${fileId}/`)) this.restarts.delete(id);
      this.objects.drop(fileId);
    }
  }

  /** Downloads sending now, and waiting for a slot. */
  get counts(): { running: number; waiting: number } {
    return { running: this.slots.runningCount, waiting: this.slots.waitingCount };
  }

  private run(id: string, pump: DownloadPump): void {
    this.pumps.set(id, pump);
    // Nothing left to send (file_accept {from} at the end): it needs no slot.
    if (pump.done) return;
    if (this.slots.request(pump.live, pump)) {
      pump.kick();
      return;
    }
    logEvent('file_download_queued', { fileId: pump.fileId, ...this.counts });
    // The recipient shows that it waits; its first chunk says the wait is over.
    this.io.outbox.send(pump.live, { type: 'file_queued', fileId: pump.fileId });
  }

  /** Stops `pump`; its file's cached objects go too when no other download of it needs them (`drop`). */
  private end(id: string, pump: DownloadPump, drop = true): void {
    pump.stop();
    if (this.pumps.get(id) === pump) this.pumps.delete(id);
    this.startAll(this.slots.release(pump));
    if (drop) this.dropUnused(pump.fileId);
  }

  /** The file's cached objects go once none of its downloads has chunks left to send or have acknowledged. */
  private dropUnused(fileId: string): void {
    for (const pump of this.pumps.values()) if (pump.fileId === fileId && !pump.done) return;
    this.objects.drop(fileId);
  }

  /** Staged objects decrypted and kept for the pumps now, in bytes (for tests and logs). */
  get cachedBytes(): number {
    return this.objects.bytes;
  }

  private startAll(pumps: DownloadPump[]): void {
    for (const pump of pumps) pump.kick();
  }

  private newPump(live: JoinedSocket, file: FileRow, key: string, from: number, rebuilt: boolean) {
    const window = new DownloadWindow(file.chunkSize, this.maxWindow);
    return new DownloadPump(this.pumpIo, window, live, file, key, from, from, rebuilt);
  }
}
