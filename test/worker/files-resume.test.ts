// Transfers survive a lost connection and an evicted room: an upload continues from the last
// acknowledged chunk after the sender rejoins with its resume token (file_resume), a download
// from where it stopped (file_accept {from}), and neither starts over. The SHA-256 still matches.

import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { FILE_CHUNK_BYTES, RESERVATION_MS } from '#protocol/limits';
import { MIN_DOWNLOAD_WINDOW } from '../../worker/room/files/download-window';
import {
  chunkCountOf,
  download,
  fileIsGone,
  nextAbout,
  objectCountOf,
  offerOk,
  sha256Hex,
  share,
  stagedObjects,
  testFile,
  uploadChunks,
} from './support/files';
import { closeAll, joinAll, type Member, rejoin, roomStub, uniqueName } from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

/** Drops the room's instance; its sockets hibernate (default) or are all closed (`'close'`). */
async function evict(webSockets?: 'close'): Promise<void> {
  const stub = roomStub();
  const before = await runInDurableObject(stub, (instance) => instance);
  await evictDurableObject(stub, webSockets ? { webSockets } : undefined);
  const after = await runInDurableObject(stub, (instance) => instance);
  expect(after).not.toBe(before);
}

/** Resumes an upload on `member`'s (new) socket and returns the chunk the room expects next. */
async function resumeUpload(member: Member, fileId: string): Promise<number> {
  const ready = nextAbout(member, { fileId }, 'file_ready');
  await member.channel.send({ type: 'file_resume', fileId });
  return (await ready).next;
}

/** Waits until `count` chunks of `fileId` have reached `member`. */
function chunksArrived(member: Member, fileId: string, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = member.channel.on('chunk', (chunk) => {
      if (chunk.fileId === fileId && ++seen === count) {
        off();
        resolve();
      }
    });
  });
}

function stitch(first: Bytes, second: Bytes, from: number): Bytes {
  const out = second.slice();
  out.set(first.subarray(0, from * FILE_CHUNK_BYTES));
  return out;
}

describe('an upload', () => {
  it('continues from the last acknowledged chunk after the sender drops and rejoins', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(10 * FILE_CHUNK_BYTES + 99);
    const fileId = await offerOk(alice, original, { to: bob.name });
    await uploadChunks(alice, fileId, original, 0, 4);

    alice.channel.close();
    await bob.inbox.presence(`leave:${alice.name}:left`);
    const back = await rejoin(alice);
    expect(await resumeUpload(back, fileId)).toBe(4);

    const stored = nextAbout(back, { fileId }, 'file_stored');
    await uploadChunks(back, fileId, original, 4);
    await stored;
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    expect(offered.sha256).toBe(await sha256Hex(original));
    expect(await sha256Hex(await download(bob, offered).done)).toBe(offered.sha256);
  });

  it('continues after the room drops every socket at once, and the SHA-256 is recomputed from R2', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(6 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, original, { to: bob.name });
    await uploadChunks(alice, fileId, original, 0, 3);

    await evict('close');
    await Promise.all([alice.channel.ended, bob.channel.ended]);
    const [aliceBack, bobBack] = [await rejoin(alice), await rejoin(bob)];
    expect(await resumeUpload(aliceBack, fileId)).toBe(3);
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(3));

    const stored = nextAbout(aliceBack, { fileId }, 'file_stored');
    await uploadChunks(aliceBack, fileId, original, 3);
    await stored;
    const offered = await nextAbout(bobBack, { fileId }, 'file_offered');
    expect(await sha256Hex(await download(bobBack, offered).done)).toBe(await sha256Hex(original));
  });

  it('still refuses a hash mismatch when the room was evicted midway', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const original = testFile(3 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, original, { sha256: await sha256Hex(testFile(10)) });
    await uploadChunks(alice, fileId, original, 0, 1);
    await evict();
    const failed = nextAbout(alice, { fileId }, 'file_failed');
    await uploadChunks(alice, fileId, original, 1).catch(() => undefined);
    expect((await failed).code).toBe('file_hash_mismatch');
    expect(await stagedObjects(fileId)).toEqual([]);
  });

  it('cannot be resumed by another user, even with its id', async () => {
    const [alice, mallory] = await joinAll(uniqueName('alice'), uniqueName('mallory'));
    const fileId = await offerOk(alice, testFile(2 * FILE_CHUNK_BYTES));
    await mallory.channel.send({ type: 'file_resume', fileId });
    expect((await nextAbout(mallory, { fileId }, 'error')).code).toBe('file_not_uploader');
  });

  it("is listed on the sender's resumed join, so a page that reloaded and lost the file can cancel it", async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const original = testFile(3 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, original);
    await uploadChunks(alice, fileId, original, 0, 1);
    alice.channel.close();
    await alice.channel.ended;

    const back = await rejoin(alice);
    expect(back.joined.uploads).toEqual([fileId]);
    const cancelled = nextAbout(back, { fileId }, 'file_cancelled');
    await back.channel.send({ type: 'file_cancel', fileId });
    await cancelled;
    await expect.poll(() => fileIsGone(fileId)).toBe(true);

    // Nothing is left to list on the next resume; a fresh join never lists any.
    back.channel.close();
    expect((await rejoin(back)).joined.uploads).toBeUndefined();
  });

  it("is dropped when its sender's name lapses and someone new takes it", async () => {
    const name = uniqueName('lapsed');
    const [first] = await joinAll(name);
    const original = testFile(3 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(first, original);
    await uploadChunks(first, fileId, original, 0, 1);
    first.channel.close();
    await first.channel.ended;

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESERVATION_MS + 1_000);
    const [newcomer] = await joinAll(name);
    vi.useRealTimers();
    expect(newcomer.joined.resumed).toBe(false);
    await expect.poll(() => fileIsGone(fileId)).toBe(true);
    await newcomer.channel.send({ type: 'file_resume', fileId });
    expect((await nextAbout(newcomer, { fileId }, 'error')).code).toBe('file_unknown');
  });
});

describe('a download', () => {
  it('resumes with file_accept {from} after the recipient drops and rejoins, without starting over', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(16 * FILE_CHUNK_BYTES + 5);
    const fileId = await share(alice, original, { to: bob.name });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');

    // Three acknowledged, and at least a window's minimum more on the way.
    const first = download(bob, offered, { ackUntil: 3 });
    await chunksArrived(bob, fileId, 3 + MIN_DOWNLOAD_WINDOW);
    bob.channel.close();
    await alice.inbox.presence(`leave:${bob.name}:left`);

    const back = await rejoin(bob);
    // The offer comes again after the reconnect (the page may have been reloaded).
    const again = await nextAbout(back, { fileId }, 'file_offered');
    const second = download(back, again, { from: 3 });
    const bytes = await second.done;
    expect(second.received[0]).toBe(3);
    expect(second.received).toHaveLength(chunkCountOf(original.byteLength) - 3);
    expect(await sha256Hex(stitch(first.bytes, bytes, 3))).toBe(offered.sha256);
  });

  it('carries on from where it stopped when the room is evicted between acknowledgements', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(14 * FILE_CHUNK_BYTES);
    const fileId = await share(alice, original, { to: bob.name });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');

    const transfer = download(bob, offered, { ackUntil: 2 });
    await chunksArrived(bob, fileId, 2 + MIN_DOWNLOAD_WINDOW);
    await evict();
    transfer.ackRest();
    expect(await sha256Hex(await transfer.done)).toBe(offered.sha256);
    expect(transfer.received).toEqual([...Array(14).keys()]);
  });

  it('takes, after an eviction, acks of chunks it no longer knows it sent, and leaves no gap', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(14 * FILE_CHUNK_BYTES);
    const fileId = await share(alice, original, { to: bob.name });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    // Like the client core: keep the first copy of each chunk, skip repeats.
    const bytes = new Uint8Array(original.byteLength);
    const got = new Set<number>();
    const off = bob.channel.on('chunk', (chunk) => {
      if (chunk.fileId !== fileId || got.has(chunk.index)) return;
      got.add(chunk.index);
      bytes.set(chunk.data, chunk.index * FILE_CHUNK_BYTES);
    });
    const ack = (index: number) => bob.channel.send({ type: 'file_ack', fileId, index });
    // Chunks 0–5 acknowledged as they come; the window then sends at least its minimum more.
    const acked = 6;
    const inFlight = acked + MIN_DOWNLOAD_WINDOW;
    const arrived = chunksArrived(bob, fileId, inFlight);
    const ackEarly = bob.channel.on('chunk', (chunk) => {
      if (chunk.fileId === fileId && chunk.index < acked) void ack(chunk.index);
    });
    await bob.channel.send({ type: 'file_accept', fileId });
    await arrived;
    ackEarly();

    // Evicted with the socket kept. Acks of what arrived before wake a new instance, which never
    // sent those chunks: an early one (it starts again from there, a couple of chunks at a time),
    // then the latest, past what the new instance can have sent since.
    await evictDurableObject(roomStub());
    // An error (e.g. "that chunk was not sent yet") fails the test at once instead of stalling it.
    const refused = bob.inbox.next('error').then((e) => {
      throw new Error(`the room refused an ack: ${e.code} (${e.message})`);
    });
    refused.catch(() => undefined);
    await ack(2);
    await ack(inFlight - 1);
    for (let index = inFlight; index < 14; index++) {
      while (!got.has(index)) await Promise.race([chunksArrived(bob, fileId, 1), refused]);
      await ack(index);
    }
    off();
    expect(bob.inbox.log.some((m) => m.type === 'error')).toBe(false);
    expect(await sha256Hex(bytes)).toBe(offered.sha256);
  });
});
