// File sharing end to end, with R2: upload in windowed chunks, staging encrypted at rest, the offer,
// the download re-encrypted for the recipient, and how a transfer ends (done, decline, cancel),
// after which nothing of the file is left in R2 or SQLite.

import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, FILE_CHUNK_BYTES, FILE_WINDOW_CHUNKS } from '#protocol/limits';
import { MIN_DOWNLOAD_WINDOW } from '../../worker/room/files/download-window';
import { must } from '../support/must';
import {
  chunkCountOf,
  contains,
  download,
  fetchFile,
  fileIsGone,
  fileRows,
  JPEG_HEAD,
  MARKER,
  markedFile,
  nextAbout,
  objectCountOf,
  offerOk,
  sha256Hex,
  share,
  stagedObjects,
  testFile,
  uploadChunks,
} from './support/files';
import { cid, closeAll, joinAll, uniqueName } from './support/room-client';

afterEach(closeAll);

describe('a file shared privately', () => {
  it('arrives byte for byte: 25 MiB from alice to bob, with the SHA-256 she declared', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(DEFAULT_MAX_FILE_BYTES, JPEG_HEAD);
    const sha256 = await sha256Hex(original);

    const started = performance.now();
    const fileId = await share(alice, original, { to: bob.name, name: 'holiday.jpg', mime: 'image/jpeg' });
    const uploaded = performance.now();
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    expect(offered).toMatchObject({
      from: alice.name,
      to: bob.name,
      name: 'holiday.jpg',
      size: DEFAULT_MAX_FILE_BYTES,
      mime: 'image/jpeg',
      sha256,
      chunkSize: FILE_CHUNK_BYTES,
    });
    const delivered = nextAbout(alice, { fileId }, 'file_delivered');
    const received = await fetchFile(bob, offered);
    const downloaded = performance.now();

    expect(received.byteLength).toBe(original.byteLength);
    expect(await sha256Hex(received)).toBe(sha256);
    expect((await delivered).by).toBe(bob.name);
    const mb = DEFAULT_MAX_FILE_BYTES / 1e6;
    console.info(
      `25 MiB round trip: upload ${(uploaded - started).toFixed(0)} ms (${(mb / ((uploaded - started) / 1000)).toFixed(1)} MB/s), ` +
        `download ${(downloaded - uploaded).toFixed(0)} ms (${(mb / ((downloaded - uploaded) / 1000)).toFixed(1)} MB/s)`,
    );
    // Delivered to its only recipient: the staged objects and the key are gone.
    await expect.poll(() => fileIsGone(fileId)).toBe(true);
  });

  it('is offered only to its recipient, with a sanitised name and the type decided by its content', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const fileId = await share(alice, testFile(1000), {
      to: bob.name,
      name: '../../etc/\u202Egnp.exe\u0000  photo\t\t.png',
      mime: '',
    });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    expect(offered.name).toBe('etcgnp.exe photo .png');
    expect(offered.mime).toBe('image/png');
    // Carol hears the next chat message, but never of the file.
    await alice.say('after the file');
    await carol.inbox.next('msg', (m) => m.text === 'after the file');
    expect(carol.inbox.log.some((m) => m.type === 'file_offered')).toBe(false);
  });
});

describe('a file shared in the Lobby', () => {
  it('is offered to every other member, and each downloads the same bytes', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const original = testFile(3 * FILE_CHUNK_BYTES + 12_345);
    const sha256 = await sha256Hex(original);
    const fileId = await share(alice, original, { name: 'lobby.png' });
    const [forBob, forCarol] = await Promise.all([
      nextAbout(bob, { fileId }, 'file_offered'),
      nextAbout(carol, { fileId }, 'file_offered'),
    ]);
    expect(forBob.to).toBeUndefined();
    const [bobBytes, carolBytes] = await Promise.all([fetchFile(bob, forBob), fetchFile(carol, forCarol)]);
    expect(await sha256Hex(bobBytes)).toBe(sha256);
    expect(await sha256Hex(carolBytes)).toBe(sha256);
    await nextAbout(alice, { fileId }, 'file_delivered');
    await nextAbout(alice, { fileId }, 'file_delivered');
    await expect.poll(() => fileIsGone(fileId)).toBe(true);
  });
});

describe('staging in R2', () => {
  it('stores nothing in plaintext: the objects do not contain a marker that is in every chunk', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = markedFile(7 * FILE_CHUNK_BYTES);
    const fileId = await share(alice, original, { to: bob.name });
    const names = await stagedObjects(fileId);
    expect(names).toHaveLength(objectCountOf(7));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const object = await env.FILES.get(name);
      const body = new Uint8Array(await must(object).arrayBuffer());
      expect(body.byteLength).toBeGreaterThan(FILE_CHUNK_BYTES);
      expect(contains(body, MARKER)).toBe(false);
      expect(contains(body, original.subarray(0, 16))).toBe(false);
    }
    // The bytes are all there: bob gets the marker back.
    const received = await fetchFile(bob, await nextAbout(bob, { fileId }, 'file_offered'));
    expect(contains(received.subarray(0, 200), MARKER)).toBe(true);
    expect(await sha256Hex(received)).toBe(await sha256Hex(original));
  });
});

describe('the end of a transfer', () => {
  it('a decline tells the sender, and the file goes once every recipient declined or downloaded', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const fileId = await share(alice, testFile(FILE_CHUNK_BYTES + 10));
    const forBob = await nextAbout(bob, { fileId }, 'file_offered');
    await nextAbout(carol, { fileId }, 'file_offered');

    await carol.channel.send({ type: 'file_decline', fileId });
    expect((await nextAbout(alice, { fileId }, 'file_declined')).by).toBe(carol.name);
    // Bob has not answered yet: the file stays.
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(2));
    expect((await fileRows(fileId)).files).toBe(1);

    await fetchFile(bob, forBob);
    expect((await nextAbout(alice, { fileId }, 'file_delivered')).by).toBe(bob.name);
    await expect.poll(() => fileIsGone(fileId)).toBe(true);
  });

  it('the sender cancelling an offer tells the recipients and deletes the file', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const fileId = await share(alice, testFile(2 * FILE_CHUNK_BYTES), { to: bob.name });
    await nextAbout(bob, { fileId }, 'file_offered');
    await alice.channel.send({ type: 'file_cancel', fileId });
    expect((await nextAbout(bob, { fileId }, 'file_cancelled')).by).toBe(alice.name);
    await nextAbout(alice, { fileId }, 'file_cancelled');
    expect(await fileIsGone(fileId)).toBe(true);
    await bob.channel.send({ type: 'file_accept', fileId });
    expect((await nextAbout(bob, { fileId }, 'error')).code).toBe('file_unknown');
  });

  it('the sender cancelling an upload midway stops it and deletes what was staged', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(6 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, original, { to: bob.name });
    await uploadChunks(alice, fileId, original, 0, 2);
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(2));
    await alice.channel.send({ type: 'file_cancel', fileId });
    await nextAbout(alice, { fileId }, 'file_cancelled');
    expect(await fileIsGone(fileId)).toBe(true);
    expect(bob.inbox.log.some((m) => 'fileId' in m && m.fileId === fileId)).toBe(false);
  });

  it('a recipient cancelling its download tells the sender, and the file goes', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(12 * FILE_CHUNK_BYTES);
    const fileId = await share(alice, original, { to: bob.name });
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    let cancelSent = false;
    const transfer = download(bob, offered, { ackUntil: 2 });
    // The window holds the download: 2 acknowledged, a few more in flight, never the whole file.
    await new Promise<void>((resolve) => {
      bob.channel.on('chunk', () => {
        if (transfer.received.length === 2 + MIN_DOWNLOAD_WINDOW && !cancelSent) {
          cancelSent = true;
          resolve();
        }
      });
    });
    await bob.channel.send({ type: 'file_cancel', fileId });
    expect((await nextAbout(alice, { fileId }, 'file_cancelled')).by).toBe(bob.name);
    await nextAbout(bob, { fileId }, 'file_cancelled');
    expect(transfer.received.length).toBeLessThanOrEqual(2 + FILE_WINDOW_CHUNKS);
    expect(transfer.received.length).toBeLessThan(chunkCountOf(original.byteLength));
    await expect.poll(() => fileIsGone(fileId)).toBe(true);
  });
});

describe('chat during a transfer', () => {
  it('keeps flowing while an upload and a download are under way', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const original = testFile(16 * FILE_CHUNK_BYTES);
    const chunks = chunkCountOf(original.byteLength);

    // Upload: half of the file is in, the rest is still to come.
    const fileId = await offerOk(alice, original, { to: bob.name });
    await uploadChunks(alice, fileId, original, 0, chunks / 2);
    await carol.channel.send({
      type: 'pm',
      cid: cid(),
      to: alice.name,
      text: 'mid-upload',
      ts: Date.now(),
    });
    expect(await alice.inbox.nextChat()).toMatchObject({ from: carol.name, text: 'mid-upload' });
    const stored = nextAbout(alice, { fileId }, 'file_stored');
    await uploadChunks(alice, fileId, original, chunks / 2, chunks);
    await stored;

    // Download: bob holds back his acks after 2 chunks, so the transfer cannot end yet.
    const offered = await nextAbout(bob, { fileId }, 'file_offered');
    const transfer = download(bob, offered, { ackUntil: 2 });
    await alice.say('mid-download');
    const heard = await bob.inbox.nextChat();
    expect(heard.text).toBe('mid-download');
    expect(transfer.received.length).toBeLessThan(chunks);
    transfer.ackRest();
    expect(await sha256Hex(await transfer.done)).toBe(await sha256Hex(original));
  });
});
