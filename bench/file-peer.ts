// A file-sharing bench client: the real client core (ChatClient + FileTransfers, as the UI uses
// them) over a `ws` socket. Between the two sits a FileLink that only watches: it timestamps each
// chunk sent, each file_ack and each chunk received, so a transfer's time can be split per chunk.
// With `e2e`, the client has end-to-end keys (in memory): its private files and messages go sealed.

import WebSocket from 'ws';
import type { Bytes } from '#crypto/base64';
import { decodeChunk } from '#protocol/chunk-codec';
import type { ServerMessageOf } from '#protocol/server-messages';
import { ChatClient, type ChatEntry } from '../client/core/chat-client';
import { memoryKeyStore } from '../client/core/e2e/key-store';
import { memoryPeerStorage } from '../client/core/e2e/peer-keys';
import type { FileLink } from '../client/core/file-transfer/file-link';
import { FileTransfers } from '../client/core/file-transfer/file-transfers';
import type { SocketLike } from '../client/core/socket-like';
import { now, withTimeout } from './time';

/** When each chunk of one file went out, was acknowledged by the room, or arrived (bench clock). */
export interface ChunkTimes {
  sent: number[];
  acked: number[];
  arrived: number[];
  /** The room's file_ready for an upload (chunk size and window it chose). */
  ready: ServerMessageOf<'file_ready'> | null;
}

export class FilePeer {
  readonly transfers: FileTransfers;
  /** Times by file id; a scenario forgets a file with `forget` once it has read them. */
  private readonly times = new Map<string, ChunkTimes>();
  /** Times the socket went down after the join: each one means a transfer paused and resumed. */
  drops = 0;
  /** Errors from the room (or the channel), by code. */
  readonly problems = new Map<string, number>();

  private constructor(
    readonly name: string,
    readonly client: ChatClient,
  ) {
    client.on('status', (status) => {
      if (status === 'reconnecting' || status === 'offline') this.drops++;
    });
    client.on('error', (error) => {
      this.problems.set(error.code, (this.problems.get(error.code) ?? 0) + 1);
    });
    client.on('file', (message) => {
      if (message.type === 'file_ack') this.timesOf(message.fileId).acked[message.index] = now();
      else if (message.type === 'file_ready') this.timesOf(message.fileId).ready = message;
    });
    client.on('chunk', (chunk) => {
      this.timesOf(chunk.fileId).arrived[chunk.index] = now();
    });
    this.transfers = new FileTransfers(this.watchingLink());
  }

  /** Connects, runs the key exchange and joins as `name`. */
  static async join(
    url: string,
    name: string,
    deflate: boolean,
    timeoutMs: number,
    e2e = false,
  ): Promise<FilePeer> {
    const client = new ChatClient({
      ...(e2e ? { e2e: { keyStore: memoryKeyStore(), peerStorage: () => memoryPeerStorage() } } : {}),
      connect: () => new WebSocket(url, { perMessageDeflate: deflate }) as unknown as SocketLike,
      // A dropped socket comes back quickly and the transfer resumes; `drops` reports it.
      backoff: { baseMs: 100, maxMs: 1_000 },
    });
    try {
      await withTimeout(client.join(name), timeoutMs, `join of ${name}`);
    } catch (error) {
      client.close();
      throw error;
    }
    return new FilePeer(name, client);
  }

  /** Public chat messages this peer receives, with the receive time. */
  onChat(listener: (message: ChatEntry, at: number) => void): () => void {
    return this.client.on('message', (message) => listener(message, now()));
  }

  timesOf(fileId: string): ChunkTimes {
    let times = this.times.get(fileId);
    if (!times) {
      times = { sent: [], acked: [], arrived: [], ready: null };
      this.times.set(fileId, times);
    }
    return times;
  }

  forget(fileId: string): void {
    this.times.delete(fileId);
  }

  close(): void {
    this.transfers.dispose();
    this.client.close();
  }

  /** The ChatClient as FileTransfers sees it, with the chunks it sends timestamped on the way. */
  private watchingLink(): FileLink {
    const client = this.client;
    return {
      get status() {
        return client.status;
      },
      get name() {
        return client.name;
      },
      on: (event, handler) => client.on(event, handler),
      e2e: client.e2e,
      nextRef: () => client.nextRef(),
      sendFileFrame: (frame) => {
        if (frame instanceof Uint8Array) {
          const chunk = decodeChunk(frame as Bytes);
          if (chunk) this.timesOf(chunk.fileId).sent[chunk.index] = now();
        }
        return client.sendFileFrame(frame);
      },
    };
  }
}
