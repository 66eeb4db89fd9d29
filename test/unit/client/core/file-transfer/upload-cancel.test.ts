// Unit tests for cancelling uploads: while sending, before the room answered the offer (keeping
// its slot until the cancel has gone), while queued behind the parallel limit, and once stored.

import { describe, expect, it } from 'vitest';
import { must } from '../../../../support/must';
import { bytes, FILE_ID, settled } from './fake-link';
import { ack, CHUNK, setup, started } from './upload-support';

describe('uploads', () => {
  it('cancels: tells the room, sends no more chunks and settles as cancelled', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link, 2);
    await link.takeChunk();
    await link.takeChunk();

    upload.cancel();
    ack(link, 1);
    await settled();

    expect(link.untaken()).toEqual([{ kind: 'message', message: { type: 'file_cancel', fileId: FILE_ID } }]);
    expect(upload.phase).toBe('cancelled');
    await expect(upload.finished).rejects.toThrow('cancelled');
  });

  it('cancels an upload the room has not answered yet as soon as its id is known', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    const offer = await link.takeMessage();
    upload.cancel();
    if (offer.type !== 'file_offer') throw new Error('expected an offer');

    link.fire('file', {
      type: 'file_ready',
      ref: offer.ref,
      fileId: FILE_ID,
      next: 0,
      chunkSize: CHUNK,
      window: 4,
    });
    await settled();

    expect(link.untaken()).toEqual([{ kind: 'message', message: { type: 'file_cancel', fileId: FILE_ID } }]);
  });

  it('keeps the slot of an offer cancelled before the room answered until its cancel has gone', async () => {
    const { link, transfers } = setup();
    const uploads = [1, 2, 3, 4].map((n) =>
      transfers.send(bytes(10, n), { name: `${n}.png`, mime: 'image/png' }),
    );
    for (let i = 0; i < 3; i++) await link.takeMessage();

    must(uploads[1]).cancel();
    await settled();
    expect(must(uploads[3]).phase).toBe('queued');
    link.fire('file', {
      type: 'file_ready',
      ref: must(uploads[1]).ref,
      fileId: FILE_ID,
      next: 0,
      chunkSize: CHUNK,
      window: 4,
    });

    expect(await link.takeMessage()).toEqual({ type: 'file_cancel', fileId: FILE_ID });
    expect(await link.takeMessage()).toMatchObject({ type: 'file_offer', name: '4.png' });
  });

  it('cancels a queued upload without ever offering it', async () => {
    const { link, transfers } = setup();
    for (const n of [1, 2, 3]) transfers.send(bytes(10, n), { name: `${n}.png`, mime: 'image/png' });
    const fourth = transfers.send(bytes(10, 4), { name: '4.png', mime: 'image/png' });
    for (let i = 0; i < 3; i++) await link.takeMessage();

    fourth.cancel();
    await settled();

    expect(fourth.phase).toBe('cancelled');
    expect(link.untaken()).toEqual([]);
  });

  it('withdraws a stored offer on cancel, telling the room', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(50), { name: 'a.png', mime: 'image/png', to: 'bob' });
    await started(link);
    await link.takeChunk();
    ack(link, 0);
    link.fire('file', { type: 'file_stored', fileId: FILE_ID });

    upload.cancel();

    expect(await link.takeMessage()).toEqual({ type: 'file_cancel', fileId: FILE_ID });
    expect(upload.phase).toBe('cancelled');
    await expect(upload.finished).resolves.toBeUndefined();
  });
});
