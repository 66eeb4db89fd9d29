// Unit tests for uploads (client/core/file-transfer/upload.ts through FileTransfers), with a fake
// link playing the room: the offer, the window of unacknowledged chunks, pacing by the socket,
// progress and speed, reading Blobs slice by slice, the parallel limit and the room's refusals.
// Resuming is in upload-resume.test.ts, cancelling in upload-cancel.test.ts.

import { describe, expect, it, vi } from 'vitest';
import { RoomError } from '../../../../../client/core/chat-client';
import { sha256Hex } from '../../../../../client/core/file-transfer/sha256';
import { PACE_POLL_MS } from '../../../../../client/core/file-transfer/upload';
import { must } from '../../../../support/must';
import { bytes, FILE_ID, settled } from './fake-link';
import { ack, CHUNK, chunkIndexes, setup, started } from './upload-support';

describe('uploads', () => {
  it('offers the file with its name, size, type, recipient, a fresh ref and its SHA-256', async () => {
    const { link, transfers } = setup();
    const data = bytes(1050);
    transfers.send(data, { name: 'photo.png', mime: 'image/png', to: 'bob' });

    const offer = await link.takeMessage();

    expect(offer).toEqual({
      type: 'file_offer',
      ref: 41,
      to: 'bob',
      name: 'photo.png',
      size: 1050,
      mime: 'image/png',
      sha256: await sha256Hex(data),
    });
  });

  it('leaves out the recipient for a Lobby file and gives each upload its own ref', async () => {
    const { link, transfers } = setup();
    transfers.send(bytes(10), { name: 'a.png', mime: 'image/png' });
    const first = await link.takeMessage();
    transfers.send(bytes(10), { name: 'b.png', mime: 'image/png' });
    const second = await link.takeMessage();

    expect(first).not.toHaveProperty('to');
    expect(first.type === 'file_offer' && second.type === 'file_offer' && first.ref !== second.ref).toBe(
      true,
    );
  });

  it('keeps at most `window` chunks unacknowledged and sends more only as acks arrive', async () => {
    const { link, transfers } = setup();
    transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link, 4);
    await settled();
    expect(chunkIndexes(link)).toEqual([0, 1, 2, 3]);

    ack(link, 0);
    await settled();
    expect(chunkIndexes(link)).toEqual([0, 1, 2, 3, 4]);

    // Acks are cumulative: index 3 confirms 1, 2 and 3 at once.
    ack(link, 3);
    await settled();
    expect(chunkIndexes(link)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('sends every byte exactly once, in order, then waits for the room to store the file', async () => {
    const { link, transfers } = setup();
    const data = bytes(1050);
    const upload = transfers.send(data, { name: 'a.png', mime: 'image/png' });
    await started(link, 3);

    const received: number[] = [];
    for (let index = 0; index < 11; index++) {
      const chunk = await link.takeChunk();
      expect(chunk.index).toBe(index);
      expect(chunk.fileId).toBe(FILE_ID);
      received.push(...chunk.data);
      ack(link, index);
    }
    expect(Uint8Array.from(received)).toEqual(data);
    expect(upload.phase).toBe('checking');

    const stored = upload.once('stored');
    link.fire('file', { type: 'file_stored', fileId: FILE_ID });
    expect(await stored).toEqual({ fileId: FILE_ID });
    await expect(upload.finished).resolves.toBeUndefined();
    expect(upload.phase).toBe('stored');
    expect(upload.progress.percent).toBe(100);
  });

  it('reports acknowledged bytes, a whole percentage and the speed in bytes per second', async () => {
    let clock = 0;
    const { link, transfers } = setup({ now: () => clock });
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link, 11);
    await settled();
    const seen: { bytes: number; percent: number; bytesPerSecond: number }[] = [];
    upload.on('progress', ({ bytes, percent, bytesPerSecond }) =>
      seen.push({ bytes, percent, bytesPerSecond }),
    );

    clock = 500;
    ack(link, 1);
    clock = 1000;
    ack(link, 4);
    clock = 1500;
    ack(link, 10);

    expect(seen).toEqual([
      { bytes: 200, percent: 19, bytesPerSecond: 400 },
      { bytes: 500, percent: 47, bytesPerSecond: 500 },
      { bytes: 1050, percent: 100, bytesPerSecond: 700 },
    ]);
  });

  it('reads a Blob one chunk-sized slice at a time', async () => {
    const { link, transfers } = setup();
    const data = bytes(1050);
    const slices: number[] = [];
    class CountingBlob extends Blob {
      override slice(start?: number, end?: number): Blob {
        slices.push((end ?? this.size) - (start ?? 0));
        return super.slice(start, end);
      }
    }
    transfers.send(new CountingBlob([data]), { name: 'a.png', mime: 'image/png' });
    await started(link, 2);
    const received: number[] = [];
    for (let index = 0; index < 11; index++) {
      const chunk = await link.takeChunk();
      received.push(...chunk.data);
      ack(link, index);
    }

    expect(Uint8Array.from(received)).toEqual(data);
    expect(slices).toHaveLength(11);
    expect(Math.max(...slices)).toBe(CHUNK);
  });

  it("reports the room's refusal after the last chunk (file_failed) with its message", async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(150), { name: 'x.png', mime: 'image/png' });
    await started(link);
    const failed = upload.once('failed');

    link.fire('file', {
      type: 'file_failed',
      fileId: FILE_ID,
      code: 'file_type_mismatch',
      message: 'The file is not what it claims to be.',
    });

    expect(await failed).toEqual({
      code: 'file_type_mismatch',
      message: 'The file is not what it claims to be.',
    });
    expect(upload.phase).toBe('failed');
  });

  it('fails the upload whose offer the room refused, matched by the ref in the error', async () => {
    const { link, transfers } = setup();
    const first = transfers.send(bytes(10), { name: 'a.png', mime: 'image/png' });
    await link.takeMessage();
    const second = transfers.send(bytes(10), { name: 'b.png', mime: 'image/png' });
    await link.takeMessage();
    const failed = second.once('failed');

    link.fire(
      'error',
      new RoomError('file_too_many', 'Too many file transfers at once.', undefined, { ref: second.ref }),
    );

    expect((await failed).code).toBe('file_too_many');
    expect(first.phase).toBe('offering');
  });

  it('fails the upload a room error names by its file id, and ignores errors about other files', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link);
    link.fire('error', new RoomError('file_unknown', 'no', undefined, { fileId: 'f'.repeat(32) }));
    link.fire('error', new RoomError('rate_limited', 'slow down'));
    expect(upload.phase).toBe('sending');
    const failed = upload.once('failed');

    link.fire('error', new RoomError('file_not_uploader', 'not yours', undefined, { fileId: FILE_ID }));

    expect((await failed).code).toBe('file_not_uploader');
  });

  it("holds chunks back while the socket still holds a chunk's worth of earlier frames", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { link, transfers } = setup();
      transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
      link.bufferedAmount = CHUNK;
      await started(link, 4);
      await vi.advanceTimersByTimeAsync(10 * PACE_POLL_MS);
      expect(chunkIndexes(link)).toEqual([]);

      link.bufferedAmount = CHUNK - 1;
      await vi.advanceTimersByTimeAsync(PACE_POLL_MS);
      expect(chunkIndexes(link)).toEqual([0, 1, 2, 3]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('queues uploads beyond the parallel limit and starts the next when one ends', async () => {
    const { link, transfers } = setup();
    const uploads = [1, 2, 3, 4].map((n) =>
      transfers.send(bytes(10, n), { name: `${n}.png`, mime: 'image/png' }),
    );
    const offers = [await link.takeMessage(), await link.takeMessage(), await link.takeMessage()];
    await settled();
    // Hashing runs concurrently, so the first three offers may leave in any order.
    expect(offers.map((o) => (o.type === 'file_offer' && 'name' in o ? o.name : o.type)).sort()).toEqual([
      '1.png',
      '2.png',
      '3.png',
    ]);
    expect(must(uploads[3]).phase).toBe('queued');
    expect(link.untaken()).toEqual([]);

    link.fire('error', new RoomError('file_type_refused', 'no', undefined, { ref: must(uploads[0]).ref }));

    expect(await link.takeMessage()).toMatchObject({ type: 'file_offer', name: '4.png' });
  });

  it('passes on declines, deliveries and cancels from recipients after the file is stored', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(50), { name: 'a.png', mime: 'image/png' });
    await started(link);
    await link.takeChunk();
    ack(link, 0);
    link.fire('file', { type: 'file_stored', fileId: FILE_ID });
    const events: string[] = [];
    upload.on('declined', ({ by }) => events.push(`${by} declined`));
    upload.on('delivered', ({ by }) => events.push(`${by} received`));
    upload.on('cancelled', ({ by }) => events.push(`${by} cancelled`));

    link.fire('file', { type: 'file_declined', fileId: FILE_ID, by: 'bob' });
    link.fire('file', { type: 'file_delivered', fileId: FILE_ID, by: 'carol' });
    link.fire('file', { type: 'file_cancelled', fileId: FILE_ID, by: 'dave' });

    expect(events).toEqual(['bob declined', 'carol received', 'dave cancelled']);
    expect(upload.phase).toBe('stored');
  });
});
