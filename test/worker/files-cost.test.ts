// What expensive requests and downloads cost the room, and how it bounds that (issue 10): a budget of
// history/search/file_accept per socket apart from the chat rate limit, download pumps capped per
// socket with the rest queued, restarts from chunk 0 limited, a slow reader's file data bounded by
// the pump's window, R2 clean-ups outside the serial queue, and a chunk past the upload window
// refused. Limits: wrangler.toml defaults (with the worker test bindings of vitest.config.ts).

import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { CLOSE_CODES } from '#protocol/errors';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import type { ServerMessageOf } from '#protocol/server-messages';
import { configOf } from '../../worker/config';
import type { ChatRoom } from '../../worker/room/chat-room';
import { MIN_DOWNLOAD_WINDOW } from '../../worker/room/files/download-window';
import { MAX_RESTARTS_FROM_ZERO } from '../../worker/room/files/downloads';
import { UPLOAD_WINDOW_CHUNKS } from '../../worker/room/files/file-limits';
import type { Staging } from '../../worker/room/files/staging';
import { flowLimits } from '../../worker/room/flow-limits';
import {
  chunkOf,
  download,
  fileError,
  nextAbout,
  offerOk,
  sendChunk,
  sha256Hex,
  share,
  stagedObjects,
  testFile,
  uploadChunks,
} from './support/files';
import { closeAll, joinAll, joinAs, type Member, rejoin, roomStub, uniqueName } from './support/room-client';

afterEach(closeAll);

const config = configOf(env);
const limits = flowLimits(config);

/** Shares a file of `chunks` chunks from `from` to `to` and returns the offer `to` got. */
async function offered(from: Member, to: Member, chunks: number): Promise<ServerMessageOf<'file_offered'>> {
  const bytes = testFile(chunks * FILE_CHUNK_BYTES);
  const fileId = await share(from, bytes, { to: to.name });
  return nextAbout(to, { fileId }, 'file_offered');
}

/** Resolves once `d` has received at least `count` chunks. */
function chunksArrived(member: Member, d: { received: number[] }, count: number): Promise<void> {
  return new Promise((resolve) => {
    if (d.received.length >= count) return resolve();
    // Registered after the download's own listener, so `received` is up to date when this runs.
    const off = member.channel.on('chunk', () => {
      if (d.received.length < count) return;
      off();
      resolve();
    });
  });
}

function downloadCounts(): Promise<{ running: number; waiting: number }> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => room.files.downloadCounts);
}

/**
 * Holds the room's staging method `method` (R2 writes or clean-ups) until the returned release is
 * called, so a test can act while that R2 work is provably unfinished. Restored on release.
 */
async function holdStaging(method: 'put' | 'deleteAll'): Promise<() => Promise<void>> {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  await runInDurableObject(roomStub(), (room: ChatRoom) => {
    const staging = Reflect.get(room.files, 'staging') as Staging;
    const original = staging[method];
    Reflect.set(staging, method, async (...args: unknown[]) => {
      await gate;
      return Reflect.apply(original, staging, args);
    });
    Reflect.set(staging, 'restore', () => Reflect.set(staging, method, original));
  });
  return async () => {
    open();
    await runInDurableObject(roomStub(), (room: ChatRoom) => {
      const staging = Reflect.get(room.files, 'staging') as Staging;
      (Reflect.get(staging, 'restore') as () => void)();
    });
  };
}

/** History pages, search results and too_expensive refusals `member` has received. */
function answeredCount(member: Member): number {
  return member.inbox.log.filter(
    (m) =>
      m.type === 'history' ||
      m.type === 'search_results' ||
      (m.type === 'error' && m.code === 'too_expensive'),
  ).length;
}

describe('the budget of expensive requests', () => {
  it('refuses a burst of history and search requests past it with too_expensive, answers the rest, and lets chat through', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const burst = config.EXPENSIVE_BURST + 5;
    // The join brought a history page already.
    const answeredBefore = answeredCount(bob);
    await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        bob.channel.send(
          i % 2 === 0
            ? { type: 'history', before: Number.MAX_SAFE_INTEGER }
            : { type: 'search', query: 'hello' },
        ),
      ),
    );
    // Chat after the burst still goes, both ways.
    const said = await bob.say('still talking');
    await alice.inbox.next('msg', (m) => m.id === said.id);
    const answered = () => answeredCount(bob) - answeredBefore;
    await bob.inbox.nextWhere(() => answered() >= burst, 'an answer to every request');
    const refused = bob.inbox.log.filter((m) => m.type === 'error' && m.code === 'too_expensive');
    // Nothing lost: each request has its answer or its refusal, and the refusals say why.
    expect(answered()).toBe(burst);
    expect(refused.length).toBeGreaterThanOrEqual(burst - config.EXPENSIVE_BURST - 1);
    expect(refused.length).toBeLessThanOrEqual(5);
    expect(refused[0]?.type === 'error' && refused[0].message).toContain('a minute');
    expect(bob.inbox.log.some((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(false);
  });
});

describe('download pumps', () => {
  it("let a socket's fourth download wait, told file_queued, until one of its three running ones finishes", async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const offers = [];
    for (let i = 0; i < 4; i++) offers.push(await offered(alice, bob, 4));
    const held = offers.slice(0, 3).map((o) => download(bob, o, { ackUntil: 1 }));
    for (const d of held) await chunksArrived(bob, d, 1);
    const fourth = download(bob, offers[3] as ServerMessageOf<'file_offered'>);
    await bob.say('the accept is in'); // the file_accept before it has been handled
    expect(await downloadCounts()).toMatchObject({ running: 3, waiting: 1 });
    expect(fourth.received).toEqual([]);
    // Told it waits (the others were not); its first chunk will say the wait is over.
    const queued = bob.inbox.log.filter((m) => m.type === 'file_queued');
    expect(queued).toEqual([{ type: 'file_queued', fileId: offers[3]?.fileId }]);

    held[0]?.ackRest();
    await held[0]?.done;
    const bytes = await fourth.done;
    expect(bytes.byteLength).toBe(4 * FILE_CHUNK_BYTES);
    for (const d of held.slice(1)) d.ackRest();
    await Promise.all(held.map((d) => d.done));
  });

  it(`refuse a restart from chunk 0 after ${MAX_RESTARTS_FROM_ZERO} of them, and still let the download continue from where it stopped`, async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const offer = await offered(alice, bob, 2);
    const first = download(bob, offer);
    await first.done;
    for (let i = 0; i < MAX_RESTARTS_FROM_ZERO; i++) {
      await download(bob, offer).done;
    }
    const refused = fileError(bob, offer.fileId, 'file_restart_limit');
    await bob.channel.send({ type: 'file_accept', fileId: offer.fileId });
    expect((await refused).message).toContain('from');
    const rest = download(bob, offer, { from: 1 });
    // Hashed: vitest compares big typed arrays one element at a time, for seconds.
    const tail = (await rest.done).subarray(FILE_CHUNK_BYTES);
    expect(await sha256Hex(tail)).toBe(await sha256Hex(first.bytes.subarray(FILE_CHUNK_BYTES)));
  });

  it(`let the recipient past the room's ${config.MAX_DOWNLOADS_PER_ROOM} running downloads wait, and start its download when one finishes`, async () => {
    const cap = config.MAX_DOWNLOADS_PER_ROOM;
    const sender = await joinAs(uniqueName('sender'));
    const recipients: Member[] = [];
    for (let i = 0; i <= cap; i++) recipients.push(await joinAs(uniqueName(`r${i}`)));
    const bytes = testFile(4 * FILE_CHUNK_BYTES);
    const fileId = await share(sender, bytes);
    const offers = await Promise.all(recipients.map((r) => nextAbout(r, { fileId }, 'file_offered')));
    // The first `cap` take every slot of the room and hold them (one chunk acknowledged, then none).
    const running = recipients.slice(0, cap).map((r, i) => {
      const d = download(r, offers[i] as ServerMessageOf<'file_offered'>, { ackUntil: 1 });
      return { r, d };
    });
    for (const { r, d } of running) await chunksArrived(r, d, 1);
    const last = recipients[cap] as Member;
    const waiting = download(last, offers[cap] as ServerMessageOf<'file_offered'>);
    await last.say('the accept is in'); // handled after the file_accept before it
    expect(await downloadCounts()).toMatchObject({ running: cap, waiting: 1 });
    expect(waiting.received).toEqual([]);

    running[0]?.d.ackRest();
    await running[0]?.d.done;
    expect(await sha256Hex(await waiting.done)).toBe(await sha256Hex(bytes));
    for (const { d } of running.slice(1)) d.ackRest();
    await Promise.all(running.map(({ d }) => d.done));
  }, 60_000);

  it('hold a reader that stops acknowledging chunks at their own small windows; the flow ack timeout then closes it (4009) and a resume completes', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const files: { offer: ServerMessageOf<'file_offered'>; bytes: Bytes }[] = [];
    for (let i = 0; i < 3; i++) {
      const bytes = testFile(4 * FILE_CHUNK_BYTES);
      const fileId = await share(alice, bytes, { to: bob.name });
      files.push({ offer: await nextAbout(bob, { fileId }, 'file_offered'), bytes });
    }
    const stalled = files.map((f) => download(bob, f.offer, { ackUntil: 0 }));
    for (const d of stalled) await chunksArrived(bob, d, MIN_DOWNLOAD_WINDOW);
    // Only acknowledgements move a pump: a round trip later, each one still waits at its window.
    const said = await alice.say('are you reading?');
    await bob.inbox.next('msg', (m) => m.id === said.id);
    for (const d of stalled) expect(d.received).toEqual([0, 1].slice(0, MIN_DOWNLOAD_WINDOW));
    const unacknowledged = stalled.length * MIN_DOWNLOAD_WINDOW * FILE_CHUNK_BYTES;
    expect(unacknowledged).toBeLessThan(config.FLOW_SOCKET_CAP_BYTES);

    // Then it stops reading altogether: the room's flow control closes it after the ack timeout.
    bob.channel.pauseAcks = true;
    await alice.say('still there?');
    // The ack timeout is a time; nothing to await but the clock.
    await new Promise((resolve) => setTimeout(resolve, limits.ackTimeoutMs + 200));
    await runDurableObjectAlarm(roomStub());
    expect((await bob.channel.ended).code).toBe(CLOSE_CODES.slow_consumer);

    const again = await rejoin(bob);
    for (const { offer, bytes } of files) {
      const from = MIN_DOWNLOAD_WINDOW;
      const resumed = await download(again, offer, { from }).done;
      const rest = resumed.subarray(from * FILE_CHUNK_BYTES);
      expect(await sha256Hex(rest)).toBe(await sha256Hex(bytes.subarray(from * FILE_CHUNK_BYTES)));
    }
  }, 60_000);
});

describe('R2 round trips', () => {
  it('let chat between two members through while a cancelled upload is cleaned up', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    // Thirteen chunks, twelve of them staged (three 1 MiB objects): an upload the sender withdraws.
    const bytes = testFile(13 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, bytes, { to: bob.name });
    await uploadChunks(alice, fileId, bytes, 0, 12);
    const release = await holdStaging('deleteAll');
    try {
      const cancelled = nextAbout(alice, { fileId }, 'file_cancelled');
      await alice.channel.send({ type: 'file_cancel', fileId });
      await cancelled;
      // The clean-up is held, unfinished: chat goes on regardless, both ways.
      const said = await alice.say('while R2 is busy');
      expect((await bob.inbox.next('msg', (m) => m.id === said.id)).text).toBe('while R2 is busy');
      const back = await bob.say('me too');
      await alice.inbox.next('msg', (m) => m.id === back.id);
      const pending = await runInDurableObject(roomStub(), (room: ChatRoom) =>
        Reflect.get(Reflect.get(room.files, 'cleanups') as Set<unknown>, 'size'),
      );
      expect(pending).toBe(1);
    } finally {
      await release();
    }
    expect(await stagedObjects(fileId)).toEqual([]);
  });

  it('refuse a chunk past the upload window with file_chunk_order instead of holding it', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const bytes = testFile((UPLOAD_WINDOW_CHUNKS + 4) * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, bytes, { to: bob.name });
    // No object reaches R2, so nothing is acknowledged while the window fills.
    const release = await holdStaging('put');
    try {
      const refused = fileError(alice, fileId, 'file_chunk_order');
      for (let i = 0; i <= UPLOAD_WINDOW_CHUNKS; i++) await sendChunk(alice, fileId, i, chunkOf(bytes, i));
      expect((await refused).message).toContain('window');
      expect(alice.inbox.log.some((m) => m.type === 'file_ack')).toBe(false);
    } finally {
      await release();
    }
    await alice.channel.send({ type: 'file_cancel', fileId });
    await nextAbout(alice, { fileId }, 'file_cancelled');
  });
});
