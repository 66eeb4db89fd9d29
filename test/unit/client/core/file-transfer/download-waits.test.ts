// Unit tests for a download the room holds back (client/core/file-transfer/download.ts through
// FileTransfers, over a fake link): queued for a free download slot (file_queued) until its first
// chunk, a start refused for a moment (too_expensive) that may be accepted again after
// RETRY_WAIT_MS, and a restart from chunk 0 refused (file_restart_limit).

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { RoomError } from '../../../../../client/core/chat-client';
import { type DownloadPhase, RETRY_WAIT_MS } from '../../../../../client/core/file-transfer/download';
import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { sha256Hex } from '../../../../../client/core/file-transfer/sha256';
import type { TransferFailure } from '../../../../../client/core/file-transfer/upload';
import { must } from '../../../../support/must';
import { bytes, FakeLink, FILE_ID } from './fake-link';

const CHUNK = 100;

/** bob's side: an offer of `data` from alice, with every phase and refusal its download reports. */
async function offered(data: Uint8Array<ArrayBuffer>) {
  const link = new FakeLink('bob');
  const transfers = new FileTransfers(link);
  link.fire('file', {
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
  });
  const download = must(transfers.download(FILE_ID));
  const phases: DownloadPhase[] = [];
  const refusals: TransferFailure[] = [];
  download.on('phase', (phase) => phases.push(phase));
  download.on('refused', (failure) => refusals.push(failure));
  return { link, transfers, download, phases, refusals };
}

const chunk = (data: Uint8Array, index: number) => ({
  fileId: FILE_ID,
  index,
  data: data.slice(index * CHUNK, (index + 1) * CHUNK),
});

const roomError = (code: 'too_expensive' | 'file_restart_limit' | 'file_forbidden') =>
  new RoomError(code, ERROR_MESSAGES[code], undefined, { fileId: FILE_ID });

/** The file_accept messages sent so far, by their `from`. */
const acceptsFrom = (link: FakeLink) =>
  link.sent.flatMap((f) =>
    f.kind === 'message' && f.message.type === 'file_accept' ? [f.message.from] : [],
  );

describe('a download waiting for a free slot', () => {
  it('waits while the room has it queued, then receives, verifies and resolves once chunks come', async () => {
    const data = bytes(250);
    const { link, download, phases } = await offered(data);
    const result = download.accept();

    link.fire('file', { type: 'file_queued', fileId: FILE_ID });
    expect(download.phase).toBe('queued');

    for (let index = 0; index < 3; index++) link.fire('chunk', chunk(data, index));
    expect(await result).toEqual(data);
    expect(phases).toEqual(['receiving', 'queued', 'receiving', 'checking', 'done']);
  });

  it('ignores file_queued for an offer not accepted yet', async () => {
    const { link, download } = await offered(bytes(250));
    link.fire('file', { type: 'file_queued', fileId: FILE_ID });
    expect(download.phase).toBe('offered');
  });

  it('pauses when the connection drops while queued, and asks again from where it was after the rejoin', async () => {
    const data = bytes(450);
    const { link, download } = await offered(data);
    void download.accept();
    link.fire('chunk', chunk(data, 0));
    link.drop();
    link.rejoin(true);
    link.fire('file', { type: 'file_queued', fileId: FILE_ID });
    expect(download.phase).toBe('queued');

    link.drop();
    expect(download.phase).toBe('paused');
    link.rejoin(true);
    expect(acceptsFrom(link)).toEqual([0, 1, 1]);
    expect(download.phase).toBe('receiving');
  });

  it('can be cancelled while queued: the room is told and the download ends', async () => {
    const { link, transfers, download } = await offered(bytes(250));
    const result = download.accept();
    link.fire('file', { type: 'file_queued', fileId: FILE_ID });

    transfers.cancel(FILE_ID);

    await expect(result).rejects.toThrow('cancelled');
    expect(link.sent.at(-1)).toEqual({ kind: 'message', message: { type: 'file_cancel', fileId: FILE_ID } });
  });
});

describe('a download start refused with too_expensive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the refusal, may be accepted again only after RETRY_WAIT_MS, and then completes', async () => {
    const data = bytes(250);
    const { link, transfers, download, refusals } = await offered(data);
    const result = transfers.accept(FILE_ID);

    link.fire('error', roomError('too_expensive'));
    expect(download.phase).toBe('throttled');
    expect(refusals).toEqual([{ code: 'too_expensive', message: ERROR_MESSAGES.too_expensive }]);
    // Accept during the wait asks nothing.
    void transfers.accept(FILE_ID);
    expect(acceptsFrom(link)).toEqual([0]);

    vi.advanceTimersByTime(RETRY_WAIT_MS - 1);
    expect(download.phase).toBe('throttled');
    vi.advanceTimersByTime(1);
    expect(download.phase).toBe('retry');

    const again = transfers.accept(FILE_ID);
    expect(again).toBe(result);
    expect(acceptsFrom(link)).toEqual([0, 0]);
    expect(download.phase).toBe('receiving');
    for (let index = 0; index < 3; index++) link.fire('chunk', chunk(data, index));
    vi.useRealTimers();
    expect(await result).toEqual(data);
  });

  it('goes on from the next chunk it needs when a resume was refused', async () => {
    const data = bytes(450);
    const { link, transfers, download } = await offered(data);
    void download.accept();
    link.fire('chunk', chunk(data, 0));
    link.fire('chunk', chunk(data, 1));
    link.drop();
    link.rejoin(true);

    link.fire('error', roomError('too_expensive'));
    vi.advanceTimersByTime(RETRY_WAIT_MS);
    void transfers.accept(FILE_ID);

    expect(acceptsFrom(link)).toEqual([0, 2, 2]);
    expect(download.progress.bytes).toBe(200);
  });

  it('can be cancelled while it waits, and then never offers Accept again', async () => {
    const { link, transfers, download } = await offered(bytes(250));
    const result = download.accept();
    link.fire('error', roomError('too_expensive'));

    transfers.cancel(FILE_ID);
    vi.advanceTimersByTime(RETRY_WAIT_MS);

    await expect(result).rejects.toThrow('cancelled');
    expect(download.phase).toBe('cancelled');
  });

  it('still fails on other errors about the file', async () => {
    const { link, download } = await offered(bytes(250));
    const result = download.accept();
    link.fire('error', roomError('file_forbidden'));
    await expect(result).rejects.toThrow(ERROR_MESSAGES.file_forbidden);
  });
});

describe('a restart from chunk 0 refused with file_restart_limit', () => {
  it('fails with the room’s message when it has no chunk to go on from', async () => {
    const { link, download } = await offered(bytes(250));
    const result = download.accept();
    const error = roomError('file_restart_limit');

    link.fire('error', error);

    await expect(result).rejects.toThrow(ERROR_MESSAGES.file_restart_limit);
    expect(download.phase).toBe('failed');
    // The person is told: the error is not marked as dealt with.
    expect(error.recovered).toBe(false);
  });

  it('asks for the next chunk it needs instead when it has chunks already, completes, and raises no alert', async () => {
    const data = bytes(250);
    const { link, download } = await offered(data);
    const result = download.accept();
    link.fire('chunk', chunk(data, 0));
    const error = roomError('file_restart_limit');

    link.fire('error', error);

    // Dealt with here, so no alert about it (chat-store.ts).
    expect(error.recovered).toBe(true);
    expect(acceptsFrom(link)).toEqual([0, 1]);
    expect(download.phase).toBe('receiving');
    link.fire('chunk', chunk(data, 1));
    link.fire('chunk', chunk(data, 2));
    expect(await result).toEqual(data);
  });
});
