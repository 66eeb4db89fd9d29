// A stand-in for ChatClient in the file-transfer unit tests: records every frame a transfer
// sends (decoding chunks) and lets a test play the room (file_* messages, chunks, drops and
// rejoins). No sockets, no room, no timers.

import type { Bytes } from '#crypto/base64';
import { decodeChunk, type FileChunk } from '#protocol/chunk-codec';
import type { FileClientMessage } from '#protocol/file-messages';
import type { ConnectionStatus } from '../../../../../client/core/chat-client';
import { Emitter } from '../../../../../client/core/emitter';
import type { FileE2e, FileLink, FileLinkEvents } from '../../../../../client/core/file-transfer/file-link';
import { must } from '../../../../support/must';

export type SentFrame = { kind: 'message'; message: FileClientMessage } | { kind: 'chunk'; chunk: FileChunk };

export const FILE_ID = '0123456789abcdef0123456789abcdef';

export class FakeLink extends Emitter<FileLinkEvents> implements FileLink {
  status: ConnectionStatus = 'connected';
  /** What the socket still holds to send: a test sets it to hold uploads back. */
  bufferedAmount = 0;
  readonly sent: SentFrame[] = [];
  /** End-to-end keys for private files: a test sets them to seal and open (sealed-transfer.test.ts). */
  e2e?: FileE2e;
  private cursor = 0;
  private waiter: (() => void) | null = null;
  private ref = 41;

  constructor(public name: string | null = 'alice') {
    super();
  }

  sendFileFrame(frame: FileClientMessage | Bytes): Promise<void> {
    if (this.status !== 'connected') return Promise.reject(new Error('not connected'));
    if (frame instanceof Uint8Array) {
      const chunk = decodeChunk(frame);
      if (!chunk) throw new Error('not a chunk');
      // Copy: the real channel seals the bytes and lets go of them.
      this.sent.push({ kind: 'chunk', chunk: { ...chunk, data: chunk.data.slice() } });
    } else {
      this.sent.push({ kind: 'message', message: structuredClone(frame) });
    }
    this.waiter?.();
    return Promise.resolve();
  }

  nextRef(): number {
    return this.ref++;
  }

  /** Plays the room: delivers an event as ChatClient would. */
  fire<K extends keyof FileLinkEvents>(event: K, payload: FileLinkEvents[K]): void {
    this.emit(event, payload);
  }

  /** The next frame not taken yet, waiting for it if need be. */
  async take(): Promise<SentFrame> {
    while (this.cursor >= this.sent.length) {
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = null;
    }
    return must(this.sent[this.cursor++]);
  }

  /** The next frame, which must be a JSON message. */
  async takeMessage(): Promise<FileClientMessage> {
    const frame = await this.take();
    if (frame.kind !== 'message') throw new Error(`expected a message, got chunk ${frame.chunk.index}`);
    return frame.message;
  }

  /** The next frame, which must be a chunk. */
  async takeChunk(): Promise<FileChunk> {
    const frame = await this.take();
    if (frame.kind !== 'chunk') throw new Error(`expected a chunk, got ${frame.message.type}`);
    return frame.chunk;
  }

  /** Frames sent but not taken yet. */
  untaken(): SentFrame[] {
    return this.sent.slice(this.cursor);
  }

  /** The socket dropped: ChatClient reports it is reconnecting. */
  drop(): void {
    this.status = 'reconnecting';
    this.emit('status', 'reconnecting');
  }

  /**
   * Reconnected and rejoined (with the resume token when `resumed`); `uploads` are the room's
   * unfinished uploads for this name, as a resumed `joined` lists them.
   */
  rejoin(resumed = true, uploads: string[] = []): void {
    this.status = 'connected';
    this.emit('status', 'connected');
    this.emit('joined', {
      type: 'joined',
      name: this.name ?? 'alice',
      token: 't',
      users: [],
      resumed,
      at: 0,
      ...(uploads.length > 0 ? { uploads } : {}),
    });
  }
}

/**
 * Lets every pending promise callback run (one macrotask turn). Transfers of in-memory bytes
 * through this fake only ever wait on microtasks, so after this they have done all they can.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Deterministic test bytes. */
export function bytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}
