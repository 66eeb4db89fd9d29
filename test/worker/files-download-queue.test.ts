// The room's running downloads (worker/room/files/downloads.ts) alone, with fake sockets, store and
// staging: what a restart on the same socket queues, and the room-wide cap on running downloads with
// a small MAX_DOWNLOADS_PER_ROOM (the room itself runs at the default: files-cost.test.ts). Here in
// workerd rather than Node because the module's types are the Workers runtime's.

import { describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { decodeChunk } from '#protocol/chunk-codec';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { MIN_DOWNLOAD_WINDOW } from '../../worker/room/files/download-window';
import { Downloads } from '../../worker/room/files/downloads';
import type { FileRow, RecipientRow } from '../../worker/room/files/file-store';
import type { JoinedSocket } from '../../worker/room/joined-socket';

const CHUNKS = 8;

function fileRow(fileId: string): FileRow {
  return {
    fileId,
    uploaderKey: 'alice',
    uploader: 'alice',
    toKey: null,
    toName: null,
    ref: 1,
    name: 'f.png',
    size: CHUNKS * FILE_CHUNK_BYTES,
    declaredMime: 'image/png',
    mime: 'image/png',
    sha256: '',
    chunkSize: FILE_CHUNK_BYTES,
    objectChunks: 4,
    key: new Uint8Array(32),
    state: 'stored',
    next: CHUNKS,
    bytes: CHUNKS * FILE_CHUNK_BYTES,
    createdAt: 0,
    touchedAt: 0,
    storedAt: 0,
    expiresAt: 0,
    envelope: null,
  };
}

/** A joined socket as far as the downloads look at one. */
function socket(name: string): JoinedSocket {
  return { att: { name, session: `s-${name}` }, closed: false } as unknown as JoinedSocket;
}

/** Downloads over fakes; `sent` lists "<name>:<chunk>" for every chunk queued, in order. */
function room(perSocket = 3, perRoom = 32) {
  const sent: string[] = [];
  const files = new Map<string, FileRow>();
  const recipients = new Map<string, RecipientRow>();
  let reads = 0;
  const downloads = new Downloads(
    {
      outbox: {
        send: (to, message) => sent.push(`${to.att.name}:${message.type}`),
        sendBinary: (to, payload) => sent.push(`${to.att.name}:${decodeChunk(payload)?.index}`),
        error: () => undefined,
      },
      staging: {
        get: async (_fileId: string, object: number): Promise<Bytes> => {
          reads++;
          return new Uint8Array(4 * FILE_CHUNK_BYTES).fill(object);
        },
      },
      store: {
        startDownload: (fileId, key, from) => {
          recipients.set(`${fileId}/${key}`, {
            fileId,
            nameKey: key,
            name: key,
            state: 'downloading',
            acked: from,
            sent: from,
          });
        },
        getFile: (fileId) => files.get(fileId) ?? null,
        getRecipient: (fileId, key) => recipients.get(`${fileId}/${key}`) ?? null,
        recordDownloadStopped: () => undefined,
      },
      now: () => 0,
    },
    { MAX_DOWNLOADS_PER_SOCKET: perSocket, MAX_DOWNLOADS_PER_ROOM: perRoom },
    8,
  );
  const file = (fileId: string) => {
    const row = fileRow(fileId);
    files.set(fileId, row);
    return row;
  };
  return { downloads, sent, file, reads: () => reads };
}

/** Lets the pumps' reads (promises) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Downloads', () => {
  it('does not queue again, on a restart from chunk 0 on the same socket, the chunks still unacknowledged on their way to it', async () => {
    const { downloads, sent, file } = room();
    const f = file('0123456789abcdef0123456789abcdef');
    const bob = socket('bob');
    expect(downloads.start(bob, f, 0, false)).toBeNull();
    await settle();
    expect(sent).toEqual(['bob:0', 'bob:1'].slice(0, MIN_DOWNLOAD_WINDOW));
    expect(downloads.start(bob, f, 0, true)).toBeNull();
    await settle();
    expect(sent).toEqual(['bob:0', 'bob:1']);
    // The chunks on their way count as the new download's: their acks move it on.
    expect(downloads.acknowledge(bob, f.fileId, 1)).toBeNull();
    await settle();
    expect(sent).toEqual(['bob:0', 'bob:1', 'bob:2', 'bob:3']);
  });

  it('sends again, on a restart from chunk 0, what was acknowledged, and what went to another socket', async () => {
    const { downloads, sent, file } = room();
    const f = file('0123456789abcdef0123456789abcdef');
    const bob = socket('bob');
    downloads.start(bob, f, 0, false);
    await settle();
    downloads.acknowledge(bob, f.fileId, 0);
    await settle();
    sent.length = 0;
    // Chunk 0 was acknowledged: a restart from 0 wants it again.
    downloads.start(bob, f, 0, true);
    await settle();
    expect(sent[0]).toBe('bob:0');
    sent.length = 0;
    // A new socket of the same user: what the old one had on its way is lost with it.
    const again = socket('bob');
    downloads.start(again, f, 0, true);
    await settle();
    expect(sent[0]).toBe('bob:0');
  });

  it("lets the recipient past the room's cap of running downloads wait, and starts it when a slot frees", async () => {
    const { downloads, sent, file } = room(3, 2);
    const f = file('0123456789abcdef0123456789abcdef');
    const [a, b, c] = [socket('a'), socket('b'), socket('c')];
    for (const live of [a, b, c]) downloads.start(live, f, 0, false);
    await settle();
    expect(downloads.counts).toEqual({ running: 2, waiting: 1 });
    expect(sent.filter((s) => s.startsWith('c:'))).toEqual(['c:file_queued']);
    // a finishes: every chunk acknowledged.
    for (let index = 0; index < CHUNKS; index++) {
      downloads.acknowledge(a, f.fileId, index);
      await settle();
    }
    expect(downloads.counts).toEqual({ running: 2, waiting: 0 });
    expect(sent.filter((s) => s.startsWith('c:'))).toEqual(['c:file_queued', 'c:0', 'c:1']);
  });

  it('reads each object once for several recipients of the file', async () => {
    const { downloads, file, reads } = room();
    const f = file('0123456789abcdef0123456789abcdef');
    const sockets = ['a', 'b', 'c', 'd'].map(socket);
    for (const live of sockets) downloads.start(live, f, 0, false);
    await settle();
    for (const live of sockets) downloads.acknowledge(live, f.fileId, 1);
    await settle();
    expect(reads()).toBe(1);
  });
});
