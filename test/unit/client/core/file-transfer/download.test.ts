// Unit tests for downloads (client/core/file-transfer/download.ts through FileTransfers), with a
// fake link playing the room: offers, accept and decline, chunk order and acknowledgements,
// the end-to-end SHA-256 check, resume after a rejoin and cancels from the sender.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { RoomError } from '../../../../../client/core/chat-client';
import type { Download, FileOffer } from '../../../../../client/core/file-transfer/download';
import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { sha256Hex } from '../../../../../client/core/file-transfer/sha256';
import { must } from '../../../../support/must';
import { bytes, FakeLink, FILE_ID } from './fake-link';

const CHUNK = 100;

async function offerOf(data: Uint8Array<ArrayBuffer>, extra: Partial<FileOffer> = {}): Promise<FileOffer> {
  return {
    type: 'file_offered',
    fileId: FILE_ID,
    from: 'alice',
    to: 'bob',
    name: 'photo.png',
    size: data.byteLength,
    mime: 'image/png',
    sha256: await sha256Hex(data),
    chunkSize: CHUNK,
    at: 0,
    ...extra,
  };
}

/** bob's side: a link, the transfers, and the Download for an offer of `data`. */
async function offered(data: Uint8Array<ArrayBuffer>, extra: Partial<FileOffer> = {}) {
  const link = new FakeLink('bob');
  const transfers = new FileTransfers(link);
  const offers: Download[] = [];
  transfers.on('offer', (d) => offers.push(d));
  link.fire('file', await offerOf(data, extra));
  const download = offers[0];
  if (!download) throw new Error('no offer event');
  return { link, transfers, download, offers };
}

const chunk = (data: Uint8Array, index: number) => ({
  fileId: FILE_ID,
  index,
  data: data.slice(index * CHUNK, (index + 1) * CHUNK),
});

describe('downloads', () => {
  it('turns a file_offered into an offer with the sender, sanitised name, size and type', async () => {
    const { download } = await offered(bytes(250), { name: 'evil\u202Egnp.exe/..\u0007' });

    expect(download.phase).toBe('offered');
    expect(download.offer.from).toBe('alice');
    // Sanitised, and ending in the extension of the type the room detected (image/png).
    expect(download.name).toBe('evilgnp.exe.png');
    expect(download.offer.size).toBe(250);
    expect(download.offer.mime).toBe('image/png');
  });

  it('ignores a repeated offer and an offer of our own Lobby file', async () => {
    const { link, offers } = await offered(bytes(250));
    link.fire('file', await offerOf(bytes(250)));
    link.fire('file', await offerOf(bytes(250), { fileId: 'f'.repeat(32), from: 'BOB', to: undefined }));

    expect(offers).toHaveLength(1);
  });

  it('declines: tells the room and downloads nothing', async () => {
    const { link, transfers, download } = await offered(bytes(250));

    transfers.decline(FILE_ID);

    expect(await link.takeMessage()).toEqual({ type: 'file_decline', fileId: FILE_ID });
    expect(download.phase).toBe('declined');
  });

  it('accepts from chunk 0, acknowledges each chunk in order, verifies and resolves with the bytes', async () => {
    const data = bytes(250);
    const { link, transfers } = await offered(data);

    const result = transfers.accept(FILE_ID);
    expect(await link.takeMessage()).toEqual({ type: 'file_accept', fileId: FILE_ID, from: 0 });
    for (let index = 0; index < 3; index++) {
      link.fire('chunk', chunk(data, index));
      expect(await link.takeMessage()).toEqual({ type: 'file_ack', fileId: FILE_ID, index });
    }

    expect(await result).toEqual(data);
    expect(await link.takeMessage()).toEqual({ type: 'file_done', fileId: FILE_ID });
  });

  it('reports progress with a whole percentage and the speed', async () => {
    let clock = 0;
    const data = bytes(250);
    const link = new FakeLink('bob');
    const transfers = new FileTransfers(link, { now: () => clock });
    link.fire('file', await offerOf(data));
    const download = must(transfers.download(FILE_ID));
    const seen: [number, number][] = [];
    download.on('progress', (p) => seen.push([p.percent, p.bytesPerSecond]));

    void download.accept();
    clock = 250;
    link.fire('chunk', chunk(data, 0));
    clock = 500;
    link.fire('chunk', chunk(data, 1));

    expect(seen).toEqual([
      [40, 400],
      [80, 400],
    ]);
  });

  it('refuses a file whose SHA-256 does not match the offer and keeps none of it', async () => {
    const data = bytes(250);
    const { link, download } = await offered(data, { sha256: 'a'.repeat(64) });
    const failed = download.once('failed');
    const result = download.accept();
    await link.takeMessage();

    for (let index = 0; index < 3; index++) link.fire('chunk', chunk(data, index));

    expect(await failed).toEqual({
      code: 'file_hash_mismatch',
      message: ERROR_MESSAGES.file_hash_mismatch,
    });
    await expect(result).rejects.toThrow('The file does not match its declared SHA-256');
    expect(download.bytes).toBeNull();
    const sent = link.untaken().map((f) => (f.kind === 'message' ? f.message.type : 'chunk'));
    expect(sent).not.toContain('file_done');
    expect(sent.at(-1)).toBe('file_cancel');
  });

  it('refuses a chunk that skips ahead, and keeps nothing', async () => {
    const data = bytes(250);
    const { link, download } = await offered(data);
    const failed = download.once('failed');
    void download.accept();
    link.fire('chunk', chunk(data, 0));

    link.fire('chunk', chunk(data, 2));

    expect((await failed).code).toBe('file_chunk_order');
    expect(download.bytes).toBeNull();
  });

  it('ignores a repeated chunk without acknowledging it twice', async () => {
    const data = bytes(250);
    const { link, download } = await offered(data);
    const result = download.accept();
    link.fire('chunk', chunk(data, 0));
    link.fire('chunk', chunk(data, 0));
    link.fire('chunk', chunk(data, 1));
    link.fire('chunk', chunk(data, 2));

    expect(await result).toEqual(data);
    const acks = link.sent.flatMap((f) =>
      f.kind === 'message' && f.message.type === 'file_ack' ? [f.message.index] : [],
    );
    expect(acks).toEqual([0, 1, 2]);
  });

  it('refuses a chunk of the wrong length', async () => {
    const data = bytes(250);
    const { link, download } = await offered(data);
    const failed = download.once('failed');
    void download.accept();

    link.fire('chunk', { fileId: FILE_ID, index: 0, data: data.slice(0, CHUNK + 1) });

    expect((await failed).code).toBe('file_size_mismatch');
  });

  it('resumes after a rejoin by asking for the next chunk it needs, and still verifies the whole file', async () => {
    const data = bytes(450);
    const { link, download } = await offered(data);
    const result = download.accept();
    await link.takeMessage();
    link.fire('chunk', chunk(data, 0));
    link.fire('chunk', chunk(data, 1));

    link.drop();
    expect(download.phase).toBe('paused');
    link.rejoin(true);

    const resumed = link.untaken().filter((f) => f.kind === 'message' && f.message.type === 'file_accept');
    expect(resumed).toEqual([
      { kind: 'message', message: { type: 'file_accept', fileId: FILE_ID, from: 2 } },
    ]);
    for (let index = 2; index < 5; index++) link.fire('chunk', chunk(data, index));
    expect(await result).toEqual(data);
  });

  it('fails an unfinished download when the rejoin could not resume the old session', async () => {
    const data = bytes(450);
    const { link, download } = await offered(data);
    const result = download.accept();
    link.fire('chunk', chunk(data, 0));
    link.drop();

    link.rejoin(false);

    await expect(result).rejects.toThrow(/no longer knows/);
    expect(download.phase).toBe('failed');
  });

  it('stops and keeps nothing when the sender cancels', async () => {
    const data = bytes(450);
    const { link, download } = await offered(data);
    const result = download.accept();
    link.fire('chunk', chunk(data, 0));

    link.fire('file', { type: 'file_cancelled', fileId: FILE_ID, by: 'alice' });

    await expect(result).rejects.toThrow('cancelled by alice');
    expect(download.phase).toBe('cancelled');
    link.fire('chunk', chunk(data, 1));
    expect(download.progress.bytes).toBe(100);
  });

  it('cancels on our side: tells the room and ignores chunks still on the way', async () => {
    const data = bytes(450);
    const { link, transfers, download } = await offered(data);
    void download.accept();
    link.fire('chunk', chunk(data, 0));

    transfers.cancel(FILE_ID);
    link.fire('chunk', chunk(data, 1));

    const types = link.sent.map((f) => (f.kind === 'message' ? f.message.type : 'chunk'));
    expect(types).toEqual(['file_accept', 'file_ack', 'file_cancel']);
    expect(download.phase).toBe('cancelled');
  });

  it('fails the download a room error names (e.g. not a recipient)', async () => {
    const { link, download } = await offered(bytes(250));
    const result = download.accept();

    link.fire(
      'error',
      new RoomError('file_forbidden', ERROR_MESSAGES.file_forbidden, undefined, { fileId: FILE_ID }),
    );

    await expect(result).rejects.toThrow(ERROR_MESSAGES.file_forbidden);
  });
});
