// Unit tests for uploads across a dropped connection or lost chunks: resume from where the room
// says after a rejoin, a fresh offer when the first went unanswered, uploads a reloaded page lost
// (cancelled), a file picked while offline,
// a session the room no longer knows or a file it stored meanwhile, and asking after lost chunks.

import { describe, expect, it } from 'vitest';
import { RoomError } from '../../../../../client/core/chat-client';
import { bytes, FILE_ID, settled } from './fake-link';
import { ack, CHUNK, setup, started } from './upload-support';

describe('uploads', () => {
  it('resumes after a rejoin from the chunk the room names in file_ready, not from the start', async () => {
    const { link, transfers } = setup();
    const data = bytes(1050);
    const upload = transfers.send(data, { name: 'a.png', mime: 'image/png' });
    await started(link, 4);
    for (let index = 0; index < 4; index++) await link.takeChunk();
    ack(link, 1);
    await link.takeChunk(); // 4
    await link.takeChunk(); // 5

    link.drop();
    expect(upload.phase).toBe('paused');
    link.rejoin(true);

    expect(await link.takeMessage()).toEqual({ type: 'file_resume', fileId: FILE_ID });
    link.fire('file', { type: 'file_ready', fileId: FILE_ID, next: 2, chunkSize: CHUNK, window: 4 });
    const received: number[] = [...data.subarray(0, 200)];
    for (let index = 2; index < 11; index++) {
      const chunk = await link.takeChunk();
      expect(chunk.index).toBe(index);
      received.push(...chunk.data);
      ack(link, index);
    }
    expect(Uint8Array.from(received)).toEqual(data);
    expect(upload.phase).toBe('checking');
  });

  it('offers again after a rejoin when the connection dropped before the room answered the offer', async () => {
    const { link, transfers } = setup();
    transfers.send(bytes(50), { name: 'a.png', mime: 'image/png' });
    const first = await link.takeMessage();

    link.drop();
    link.rejoin(true);

    expect(await link.takeMessage()).toEqual(first);
  });

  it('cancels the uploads the room still runs for this name that the page no longer has (it reloaded)', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link, 4);
    await link.takeChunk();
    const lost = 'f'.repeat(32);

    link.drop();
    link.rejoin(true, [FILE_ID, lost]);

    // Ours goes on; the one this page never knew is cancelled.
    expect(await link.takeMessage()).toEqual({ type: 'file_cancel', fileId: lost });
    expect(await link.takeMessage()).toEqual({ type: 'file_resume', fileId: FILE_ID });
    expect(upload.phase).toBe('offering');
  });

  it('waits for the connection before offering a file picked while offline', async () => {
    const { link, transfers } = setup();
    link.drop();
    const upload = transfers.send(bytes(50), { name: 'a.png', mime: 'image/png' });
    await upload.once('phase');
    expect(upload.phase).toBe('paused');
    expect(link.sent).toEqual([]);

    link.rejoin(true);

    expect((await link.takeMessage()).type).toBe('file_offer');
  });

  it('fails unfinished uploads when the rejoin could not resume the old session', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link);
    link.drop();
    const failed = upload.once('failed');

    link.rejoin(false);

    expect((await failed).code).toBe('session_lost');
    await expect(upload.finished).rejects.toThrow(/no longer knows/);
  });

  it('asks the room where to go on when it expected another chunk, and goes on from there', async () => {
    const { link, transfers } = setup();
    const data = bytes(1050);
    const upload = transfers.send(data, { name: 'a.png', mime: 'image/png' });
    await started(link, 4);
    for (let i = 0; i < 4; i++) await link.takeChunk();
    ack(link, 1);

    // The room lost chunks 2 and 3 before acknowledging them: each one that arrives is refused.
    const outOfOrder = () =>
      link.fire('error', new RoomError('file_chunk_order', 'expected 2', undefined, { fileId: FILE_ID }));
    outOfOrder();
    outOfOrder();
    expect(await link.takeMessage()).toEqual({ type: 'file_resume', fileId: FILE_ID });
    await settled();
    expect(link.untaken()).toEqual([]);
    expect(upload.phase).toBe('offering');

    link.fire('file', { type: 'file_ready', fileId: FILE_ID, next: 2, chunkSize: CHUNK, window: 4 });
    const again = await link.takeChunk();
    expect(again.index).toBe(2);
    expect([...again.data]).toEqual([...data.subarray(200, 300)]);
    expect(upload.phase).toBe('sending');
  });

  it('fails the upload when asking where to go on makes no progress, instead of looping', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(1050), { name: 'a.png', mime: 'image/png' });
    await started(link, 4);
    const failed = upload.once('failed');
    for (let round = 0; round < 3; round++) {
      link.fire('error', new RoomError('file_chunk_order', 'expected 0', undefined, { fileId: FILE_ID }));
      if (upload.phase !== 'offering') break;
      link.fire('file', { type: 'file_ready', fileId: FILE_ID, next: 0, chunkSize: CHUNK, window: 4 });
    }
    expect((await failed).code).toBe('file_chunk_order');
  });

  it('counts an upload as stored when the room says it finished while we were reconnecting', async () => {
    const { link, transfers } = setup();
    const upload = transfers.send(bytes(150), { name: 'a.png', mime: 'image/png' });
    await started(link);
    await link.takeChunk();
    await link.takeChunk();
    ack(link, 1);
    link.drop();
    link.rejoin(true);
    expect(await link.takeMessage()).toEqual({ type: 'file_resume', fileId: FILE_ID });

    link.fire('error', new RoomError('file_finished', 'finished', undefined, { fileId: FILE_ID }));

    await expect(upload.finished).resolves.toBeUndefined();
    expect(upload.phase).toBe('stored');
  });
});
