// The file-transfer layer on top of a ChatClient: starts uploads, turns the room's offers into
// downloads, routes file_* messages and chunks to them, pauses them when the connection drops
// and resumes them after the rejoin. `new FileTransfers(client)`; the UI's file store uses it.
// A private offer sealed end to end is opened first (sealed-offer.ts); one that does not open is
// shown failed, with its reason, and declined.

import type { Bytes } from '#crypto/base64';
import type { FileChunk } from '#protocol/chunk-codec';
import type { FileServerMessage } from '#protocol/file-messages';
import { MAX_PARALLEL_UPLOADS } from '#protocol/limits';
import type { ServerMessageOf } from '#protocol/server-messages';
import { nameKey } from '#protocol/username';
import type { RoomError } from '../chat-client';
import { Emitter } from '../emitter';
import { Download } from './download';
import type { FileLink } from './file-link';
import type { FileData } from './file-source';
import { openSealedOffer, type SealedFileOffered } from './sealed-offer';
import { Upload, type UploadMeta } from './upload';

export interface FileTransfersEvents extends Record<string, unknown> {
  /** An upload we started. */
  upload: Upload;
  /** A file someone offers us: accept or decline it. */
  offer: Download;
}

export interface FileTransfersOptions {
  now?: () => number;
  /** The types a sealed private file may be (the recipient checks them); the room's defaults if absent. */
  allowedTypes?: readonly string[];
}

const LOST_SESSION = {
  code: 'session_lost',
  message: 'The connection was lost for too long; the room no longer knows this transfer.',
};

export class FileTransfers extends Emitter<FileTransfersEvents> {
  private readonly uploads = new Map<string, Upload>();
  private readonly offering = new Map<number, Upload>();
  private readonly downloads = new Map<string, Download>();
  private readonly all = new Set<Upload | Download>();
  /** Uploads waiting for a slot, oldest first. */
  private queued: Upload[] = [];
  private readonly unsubscribe: (() => void)[];
  private readonly allowedTypes: readonly string[] | undefined;
  private readonly now: () => number;
  /** Sealed offers being opened: an offer repeated meanwhile (a rejoin) is not opened twice. */
  private readonly opening = new Set<string>();

  constructor(
    private readonly link: FileLink,
    options: FileTransfersOptions = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.allowedTypes = options.allowedTypes;
    this.unsubscribe = [
      link.on('file', (message) => this.onFileMessage(message)),
      link.on('chunk', (chunk) => this.onChunk(chunk)),
      link.on('error', (error) => this.onError(error)),
      link.on('status', (status) => {
        if (status !== 'connected') this.pauseAll();
      }),
      link.on('joined', (joined) => this.onJoined(joined)),
    ];
  }

  /**
   * Offers a file to `meta.to`, or to the Lobby. Follow the returned Upload's events. Beyond the
   * room's MAX_PARALLEL_UPLOADS it waits (phase 'queued') instead of being refused.
   */
  send(data: FileData, meta: UploadMeta): Upload {
    const upload = new Upload(this.link, data, meta, this.link.nextRef(), this.now);
    this.offering.set(upload.ref, upload);
    this.track(upload);
    this.queued.push(upload);
    this.emit('upload', upload);
    this.startQueued();
    return upload;
  }

  /** The incoming file `fileId`, if it was offered to us. */
  download(fileId: string): Download | undefined {
    return this.downloads.get(fileId);
  }

  /** Accepts an offered file; resolves with its verified bytes. */
  accept(fileId: string): Promise<Bytes> {
    const download = this.downloads.get(fileId);
    if (!download) return Promise.reject(new Error('There is no such file offer.'));
    return download.accept();
  }

  decline(fileId: string): void {
    this.downloads.get(fileId)?.decline();
  }

  /** Stops sending or receiving `fileId`. */
  cancel(fileId: string): void {
    (this.uploads.get(fileId) ?? this.downloads.get(fileId))?.cancel();
  }

  /** Transfers still under way (not finished, failed or cancelled). */
  get active(): (Upload | Download)[] {
    return [...this.all].filter((t) => !t.done);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
  }

  // ---- routing -----------------------------------------------------------------------------

  private onFileMessage(message: FileServerMessage): void {
    switch (message.type) {
      case 'file_ready':
        this.onReady(message);
        return;
      case 'file_ack':
        this.uploads.get(message.fileId)?.onAck(message.index);
        return;
      case 'file_stored':
        this.uploads.get(message.fileId)?.onStored();
        return;
      case 'file_offered':
        this.onOffered(message);
        return;
      case 'file_queued':
        this.downloads.get(message.fileId)?.onQueued();
        return;
      case 'file_declined':
        this.uploads.get(message.fileId)?.onDeclined(message.by);
        return;
      case 'file_delivered':
        this.uploads.get(message.fileId)?.onDelivered(message.by);
        return;
      case 'file_cancelled':
        this.uploads.get(message.fileId)?.onCancelled(message.by);
        this.downloads.get(message.fileId)?.onCancelled(message.by);
        return;
      case 'file_failed': {
        const failure = { code: message.code, message: message.message };
        this.uploads.get(message.fileId)?.fail(failure, false);
        this.downloads.get(message.fileId)?.fail(failure, false);
        return;
      }
      default:
        message satisfies never;
    }
  }

  private onReady(message: ServerMessageOf<'file_ready'>): void {
    const upload =
      (message.ref === undefined ? undefined : this.offering.get(message.ref)) ??
      this.uploads.get(message.fileId);
    if (!upload) return;
    if (message.ref !== undefined) this.offering.delete(message.ref);
    this.uploads.set(message.fileId, upload);
    upload.onReady(message);
    // A cancel that waited for this answer has now gone to the room: its slot is free.
    if (upload.phase === 'cancelled') this.startQueued();
  }

  private onOffered(offer: ServerMessageOf<'file_offered'>): void {
    // Our own file (a Lobby offer may come back to its sender), or an offer repeated on rejoin.
    if (this.uploads.has(offer.fileId) || this.downloads.has(offer.fileId)) return;
    if (this.link.name !== null && nameKey(offer.from) === nameKey(this.link.name)) return;
    if ('envelope' in offer) {
      void this.onSealed(offer);
      return;
    }
    this.addDownload(new Download(this.link, offer, this.now));
  }

  private async onSealed(message: SealedFileOffered): Promise<void> {
    if (this.opening.has(message.fileId)) return;
    this.opening.add(message.fileId);
    const opened = await openSealedOffer(message, this.link.e2e);
    this.opening.delete(message.fileId);
    if (this.downloads.has(message.fileId)) return;
    if (opened.ok) {
      this.addDownload(new Download(this.link, opened.offer, this.now, opened.sealed, this.allowedTypes));
      return;
    }
    const download = new Download(this.link, opened.offer, this.now);
    this.addDownload(download);
    // Shown failed with its reason; the sender learns it was not taken.
    download.fail(opened.failure, false);
    this.link.sendFileFrame({ type: 'file_decline', fileId: message.fileId }).catch(() => undefined);
  }

  private addDownload(download: Download): void {
    this.downloads.set(download.fileId, download);
    this.track(download);
    this.emit('offer', download);
  }

  private onChunk(chunk: FileChunk): void {
    this.downloads.get(chunk.fileId)?.onChunk(chunk);
  }

  /** A room error about one of our transfers (it names the file, or the ref of a refused offer). */
  private onError(error: RoomError): void {
    const upload =
      (error.ref === undefined ? undefined : this.offering.get(error.ref)) ??
      (error.fileId === undefined ? undefined : this.uploads.get(error.fileId));
    const transfer = upload ?? (error.fileId === undefined ? undefined : this.downloads.get(error.fileId));
    if (!transfer) return;
    if (error.ref !== undefined && this.offering.delete(error.ref)) this.startQueued();
    if (upload && error.code === 'file_chunk_order' && upload.resync()) return;
    if (upload && error.code === 'file_finished' && upload.phase === 'offering') {
      // Our file_resume after a reconnect, for an upload the room stored while we were away
      // (a failed one would be gone: file_unknown). Its file_stored went with the old socket.
      upload.onStored();
      return;
    }
    const failure = { code: error.code, message: error.message };
    // A download's start refused for now, or a restart from chunk 0 refused: not the end of it.
    if (transfer instanceof Download && error.code === 'too_expensive') {
      transfer.onRefused(failure);
      return;
    }
    if (transfer instanceof Download && error.code === 'file_restart_limit') {
      if (transfer.onRestartLimit(failure)) error.recovered = true;
      return;
    }
    transfer.fail(failure, false);
  }

  // ---- connection ----------------------------------------------------------------------------

  private pauseAll(): void {
    for (const transfer of this.all) transfer.pause();
  }

  private onJoined(joined: ServerMessageOf<'joined'>): void {
    // Uploads the room still runs for this name that this page does not have (it reloaded, so the
    // file is gone): cancel them, so they stop holding upload slots and staged bytes.
    for (const fileId of joined.uploads ?? []) {
      if (!this.uploads.has(fileId))
        this.link.sendFileFrame({ type: 'file_cancel', fileId }).catch(() => undefined);
    }
    // Offers cancelled before the room answered: that answer went with the old socket.
    for (const [ref, upload] of this.offering) if (upload.done) this.offering.delete(ref);
    for (const transfer of [...this.all]) {
      if (transfer.done || transfer.phase !== 'paused') continue;
      if (joined.resumed) transfer.resume();
      else transfer.fail(LOST_SESSION, false);
    }
    this.startQueued();
  }

  /**
   * Starts queued uploads while fewer than MAX_PARALLEL_UPLOADS are under way. An offer cancelled
   * before the room answered it still counts: the room holds its slot until our file_cancel.
   */
  private startQueued(): void {
    this.queued = this.queued.filter((u) => u.phase === 'queued');
    let running = 0;
    for (const t of this.all) if (t instanceof Upload && !t.done && t.phase !== 'queued') running++;
    for (const upload of this.offering.values()) if (upload.done) running++;
    while (running < MAX_PARALLEL_UPLOADS) {
      const next = this.queued.shift();
      if (!next) break;
      void next.start();
      running++;
    }
  }

  /** Keeps a transfer until it ends; a stored upload stays, as declines and deliveries come later. */
  private track(transfer: Upload | Download): void {
    this.all.add(transfer);
    transfer.on('phase', (phase) => {
      if (!transfer.done) return;
      if (transfer instanceof Upload) {
        // A cancelled offer keeps its ref: its file_ready may still come, and is answered with a cancel.
        if (phase !== 'cancelled') this.offering.delete(transfer.ref);
        this.startQueued();
      }
      if (phase !== 'stored') this.all.delete(transfer);
    });
  }
}
