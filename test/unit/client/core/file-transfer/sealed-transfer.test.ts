// Private files sealed end to end, through Upload and Download with fake links playing the room
// (client/core/file-transfer, client/core/e2e/file-seal.ts): the offer the room gets has no name,
// type or hash; every chunk is ciphertext of the room's chunk size; the recipient decrypts, checks
// the type by content and the SHA-256, resumes after a dropped connection, and keeps nothing of a
// file whose chunk was altered or whose content is not what it claims.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import type { FileChunk } from '#protocol/chunk-codec';
import { ERROR_MESSAGES } from '#protocol/errors';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import type { Download } from '../../../../../client/core/file-transfer/download';
import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { sha256Hex } from '../../../../../client/core/file-transfer/sha256';
import { must } from '../../../../support/must';
import { context, newSession, parties } from '../e2e/sessions';
import { FakeLink, FILE_ID } from './fake-link';

const PNG_HEAD = [
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78],
  ...[0, 1, 0, 0, 0x49, 0x44, 0x41, 0x54],
];
const ELF_HEAD = [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00];

function fileOf(size: number, head: readonly number[]): Bytes {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + 17) & 0xff;
  out.set(head);
  return out;
}

/** alice sends `data` to bob sealed; returns the offer and ciphertext chunks the room received. */
async function sealedUpload(data: Bytes) {
  const [alice, bob] = [await newSession('alice'), await newSession('bob')];
  const aliceLink = new FakeLink('alice');
  aliceLink.e2e = {
    sealParties: async () => parties(alice, bob),
    openSealed: async (_sealed, open) => open(await context(alice, bob)),
  };
  const upload = new FileTransfers(aliceLink).send(data, { name: 'cat.png', mime: 'image/png', to: 'bob' });
  const offer = await aliceLink.takeMessage();
  if (offer.type !== 'file_offer' || !('envelope' in offer)) throw new Error('expected a sealed file_offer');
  aliceLink.fire('file', {
    type: 'file_ready',
    ref: offer.ref,
    fileId: FILE_ID,
    next: 0,
    chunkSize: FILE_CHUNK_BYTES,
    window: 64,
  });
  const chunks: FileChunk[] = [];
  for (let i = 0; i < offer.chunks; i++) {
    const chunk = await aliceLink.takeChunk();
    chunks.push(chunk);
    aliceLink.fire('file', { type: 'file_ack', fileId: FILE_ID, index: chunk.index });
  }
  aliceLink.fire('file', { type: 'file_stored', fileId: FILE_ID });
  await upload.finished;
  expect(upload.e2e).toBe(true);

  const bobLink = new FakeLink('bob');
  bobLink.e2e = {
    sealParties: async () => parties(bob, alice),
    openSealed: async (_sealed, open) => open(await context(bob, alice)),
  };
  const transfers = new FileTransfers(bobLink);
  const offered = new Promise<Download>((resolve) => transfers.on('offer', resolve));
  bobLink.fire('file', {
    type: 'file_offered',
    fileId: FILE_ID,
    from: 'alice',
    to: 'bob',
    envelope: offer.envelope,
    size: offer.size,
    chunkSize: FILE_CHUNK_BYTES,
    at: 0,
  });
  return { offer, chunks, bobLink, transfers, download: await offered };
}

/** Plays the room for bob's download: each chunk asked for, from `from`, until `until`. */
async function deliver(link: FakeLink, chunks: readonly FileChunk[], from: number, until = chunks.length) {
  const accept = await link.takeMessage();
  expect(accept).toMatchObject({ type: 'file_accept', fileId: FILE_ID, from });
  for (let i = from; i < until; i++) link.fire('chunk', must(chunks[i]));
}

// The first sealed file loads @hpke/core and `file-type` (dynamic imports): on a busy machine that
// alone can take seconds, and is not what these tests time.
beforeAll(async () => {
  const { sealFile } = await import('../../../../../client/core/e2e/file-seal');
  const [alice, bob] = [await newSession('alice'), await newSession('bob')];
  const facts = { name: 'a.png', type: 'image/png', size: 1, sha256: 'a'.repeat(64) };
  await sealFile(facts, await parties(alice, bob), 1, 0);
  await import('#protocol/file-type-check');
}, 60_000);

describe('a private file sealed end to end', () => {
  it('offers only an envelope, sizes and a chunk count, and sends ciphertext chunks of the room’s size', async () => {
    const data = fileOf(600_000, PNG_HEAD);
    const { offer, chunks } = await sealedUpload(data);
    expect(Object.keys(offer).sort()).toEqual(['chunks', 'envelope', 'ref', 'size', 'to', 'type']);
    expect(JSON.stringify(offer)).not.toContain('cat');
    expect(JSON.stringify(offer)).not.toContain('image/png');
    expect(offer.chunks).toBe(3);
    expect(chunks.slice(0, -1).every((c) => c.data.byteLength === FILE_CHUNK_BYTES)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.data.byteLength, 0)).toBe(offer.size);
  });

  it('arrives as the sender sealed it: name, type, size, and bytes that match its SHA-256', async () => {
    const data = fileOf(600_000, PNG_HEAD);
    const { chunks, bobLink, transfers, download } = await sealedUpload(data);
    expect(download.name).toBe('cat.png');
    expect(download.offer).toMatchObject({
      mime: 'image/png',
      size: data.byteLength,
      sha256: await sha256Hex(data),
    });
    const result = transfers.accept(FILE_ID);
    await deliver(bobLink, chunks, 0);
    expect(await sha256Hex(await result)).toBe(await sha256Hex(data));
    expect(download.mime).toBe('image/png');
  });

  it('resumes after a dropped connection from the next chunk it needs', async () => {
    const data = fileOf(600_000, PNG_HEAD);
    const { chunks, bobLink, transfers } = await sealedUpload(data);
    const result = transfers.accept(FILE_ID);
    await deliver(bobLink, chunks, 0, 1);
    // The first chunk is decrypted and acknowledged before the drop.
    expect(await bobLink.takeMessage()).toMatchObject({ type: 'file_ack', index: 0 });
    bobLink.drop();
    bobLink.rejoin();
    await deliver(bobLink, chunks, 1);
    expect(await sha256Hex(await result)).toBe(await sha256Hex(data));
  });

  it('keeps nothing when a chunk was altered, and says it could not be decrypted', async () => {
    const data = fileOf(600_000, PNG_HEAD);
    const { chunks, bobLink, transfers, download } = await sealedUpload(data);
    const altered = must(chunks[1]).data.slice();
    altered[100] = (altered[100] ?? 0) ^ 1;
    const result = transfers.accept(FILE_ID);
    await deliver(bobLink, [must(chunks[0]), { ...must(chunks[1]), data: altered }, must(chunks[2])], 0);
    await expect(result).rejects.toMatchObject({ code: 'e2e_failed' });
    expect(download.bytes).toBeNull();
  });

  it('refuses content that is not an allowed type with the room’s own message, keeping nothing', async () => {
    const data = fileOf(300_000, ELF_HEAD);
    const { chunks, bobLink, transfers, download } = await sealedUpload(data);
    const failed = new Promise((resolve) => download.on('failed', resolve));
    const result = transfers.accept(FILE_ID);
    await deliver(bobLink, chunks, 0);
    await expect(result).rejects.toMatchObject({ code: 'file_type_refused' });
    expect(await failed).toEqual({ code: 'file_type_refused', message: ERROR_MESSAGES.file_type_refused });
    expect(download.bytes).toBeNull();
  });

  it('shows an offer that does not open as failed, with its reason, and declines it', async () => {
    const data = fileOf(1_000, PNG_HEAD);
    const { offer } = await sealedUpload(data);
    const [carol, alice] = [await newSession('carol'), await newSession('alice')];
    const link = new FakeLink('carol');
    link.e2e = {
      sealParties: async () => parties(carol, alice),
      openSealed: async (_sealed, open) => open(await context(carol, alice)),
    };
    const transfers = new FileTransfers(link);
    const offered = new Promise<Download>((resolve) => transfers.on('offer', resolve));
    link.fire('file', {
      type: 'file_offered',
      fileId: FILE_ID,
      from: 'alice',
      to: 'carol',
      envelope: offer.envelope,
      size: offer.size,
      chunkSize: FILE_CHUNK_BYTES,
      at: 0,
    });
    const download = await offered;
    expect(download.phase).toBe('failed');
    expect(await link.takeMessage()).toEqual({ type: 'file_decline', fileId: FILE_ID });
  });
});
