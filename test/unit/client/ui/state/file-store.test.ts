// Unit tests for client/ui/state/file-store.ts: file cards as signals, fed by FileTransfers over
// a fake link. Offers become cards in the right conversation; Accept, Decline and Cancel act on
// the transfer; a verified file becomes one Blob; refused files only raise an alert.

import { describe, expect, it, vi } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { RoomError } from '../../../../../client/core/chat-client';
import { RETRY_WAIT_MS } from '../../../../../client/core/file-transfer/download';
import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { sha256Hex } from '../../../../../client/core/file-transfer/sha256';
import { createFileStore, type FileCard } from '../../../../../client/ui/state/file-store';
import { must } from '../../../../support/must';
import { bytes, FakeLink, FILE_ID } from '../../core/file-transfer/fake-link';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function setup(me: string) {
  const link = new FakeLink(me);
  const transfers = new FileTransfers(link);
  const alerts: string[] = [];
  const placed: { card: FileCard; peer: string | null; mine: boolean }[] = [];
  const files = createFileStore(transfers, {
    me: () => me,
    alert: (message) => alerts.push(message),
    place: (card, peer, mine) => placed.push({ card, peer, mine }),
  });
  return { link, transfers, files, alerts, placed };
}

async function offer(link: FakeLink, data: Uint8Array<ArrayBuffer>, sha256?: string) {
  link.fire('file', {
    type: 'file_offered',
    fileId: FILE_ID,
    from: 'alice',
    to: 'bob',
    name: '<img src=x onerror=alert(1)>.png',
    size: data.byteLength,
    mime: 'image/png',
    sha256: sha256 ?? (await sha256Hex(data)),
    chunkSize: 100,
    at: 0,
  });
}

const sendChunks = (link: FakeLink, data: Uint8Array) => {
  for (let index = 0; index * 100 < data.byteLength; index++) {
    link.fire('chunk', { fileId: FILE_ID, index, data: data.slice(index * 100, (index + 1) * 100) });
  }
};

describe('file store', () => {
  it("places an offer in the sender's private conversation, unfocused, with its details", async () => {
    const { link, files, placed } = setup('bob');
    await offer(link, bytes(250));

    expect(placed).toHaveLength(1);
    const [{ card, peer, mine }] = placed as [(typeof placed)[0]];
    expect({ peer, mine }).toEqual({ peer: 'alice', mine: false });
    expect(card).toMatchObject({
      id: `in:${FILE_ID}`,
      direction: 'in',
      name: '<img src=x onerror=alert(1)>.png',
      size: 250,
      mime: 'image/png',
      from: 'alice',
      to: 'bob',
      phase: 'offered',
    });
    expect(files.card(card.id)?.value).toEqual(card);
  });

  it('accepts, shows progress, and turns the verified bytes into one Blob of the offered type', async () => {
    const { link, files } = setup('bob');
    const data = bytes(250);
    await offer(link, data);
    const id = `in:${FILE_ID}`;

    files.accept(id);
    expect(files.card(id)?.value.phase).toBe('receiving');
    sendChunks(link, data.subarray(0, 100));
    expect(files.card(id)?.value.progress?.percent).toBe(40);
    const done = new Promise<void>((resolve) => {
      const stop = must(files.card(id)).subscribe((card) => {
        if (card.blob) {
          stop();
          resolve();
        }
      });
    });
    link.fire('chunk', { fileId: FILE_ID, index: 1, data: data.slice(100, 200) });
    link.fire('chunk', { fileId: FILE_ID, index: 2, data: data.slice(200) });
    await done;

    const card = must(files.card(id)).value;
    expect(card.phase).toBe('done');
    expect(card.blob?.type).toBe('image/png');
    expect(new Uint8Array(await must(card.blob).arrayBuffer())).toEqual(data);
  });

  it('shows the mismatch and keeps no Blob when the SHA-256 does not match', async () => {
    const { link, transfers, files } = setup('bob');
    const data = bytes(250);
    await offer(link, data, 'b'.repeat(64));
    const id = `in:${FILE_ID}`;
    const failed = must(transfers.download(FILE_ID)).once('failed');

    files.accept(id);
    sendChunks(link, data);
    await failed;

    const card = must(files.card(id)).value;
    expect(card).toMatchObject({ phase: 'failed', error: ERROR_MESSAGES.file_hash_mismatch, blob: null });
  });

  it('shows a queued download as waiting, and a start refused for now until Accept after the wait goes on', async () => {
    vi.useFakeTimers();
    try {
      const { link, files } = setup('bob');
      const data = bytes(250);
      await offer(link, data);
      const id = `in:${FILE_ID}`;
      const card = () => must(files.card(id)).value;

      files.accept(id);
      link.fire(
        'error',
        new RoomError('too_expensive', ERROR_MESSAGES.too_expensive, undefined, { fileId: FILE_ID }),
      );
      expect(card()).toMatchObject({ phase: 'throttled', error: ERROR_MESSAGES.too_expensive });
      vi.advanceTimersByTime(RETRY_WAIT_MS);
      expect(card().phase).toBe('retry');

      files.accept(id);
      link.fire('file', { type: 'file_queued', fileId: FILE_ID });
      expect(card()).toMatchObject({ phase: 'queued', error: null });
      sendChunks(link, data.subarray(0, 100));
      expect(card()).toMatchObject({ phase: 'receiving', error: null });
      expect(card().progress?.percent).toBe(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('declines: tells the room and marks the card', async () => {
    const { link, files } = setup('bob');
    await offer(link, bytes(250));

    files.decline(`in:${FILE_ID}`);

    expect(link.sent).toEqual([{ kind: 'message', message: { type: 'file_decline', fileId: FILE_ID } }]);
    expect(files.card(`in:${FILE_ID}`)?.value.phase).toBe('declined');
  });

  it("offers a picked file to a peer, focuses that conversation and notes the peer's decline", async () => {
    const { link, files, placed, alerts } = setup('alice');
    const file = new File([Uint8Array.from([...PNG_HEAD, 1, 2, 3])], 'cat.png', { type: 'image/png' });

    await files.send([file], 'bob');
    const offerSent = await link.takeMessage();

    expect(alerts).toEqual([]);
    expect(offerSent).toMatchObject({
      type: 'file_offer',
      to: 'bob',
      name: 'cat.png',
      size: 11,
      mime: 'image/png',
    });
    expect(placed.map(({ peer, mine, card }) => ({ peer, mine, direction: card.direction }))).toEqual([
      { peer: 'bob', mine: true, direction: 'out' },
    ]);
    const id = must(placed[0]).card.id;
    if (offerSent.type !== 'file_offer') throw new Error('expected an offer');
    link.fire('file', {
      type: 'file_ready',
      ref: offerSent.ref,
      fileId: FILE_ID,
      next: 0,
      chunkSize: 100,
      window: 8,
    });
    link.fire('file', { type: 'file_declined', fileId: FILE_ID, by: 'bob' });
    expect(files.card(id)?.value.notes).toEqual(['bob declined']);
  });

  it('marks a private offer answered once the recipient declines (nothing left to withdraw)', async () => {
    const { link, files, placed } = setup('alice');
    await files.send([new File([Uint8Array.from(PNG_HEAD)], 'a.png')], 'bob');
    const sent = await link.takeMessage();
    if (sent.type !== 'file_offer') throw new Error('expected an offer');
    const id = must(placed[0]).card.id;
    link.fire('file', {
      type: 'file_ready',
      ref: sent.ref,
      fileId: FILE_ID,
      next: 0,
      chunkSize: 100,
      window: 8,
    });
    await link.takeChunk();
    link.fire('file', { type: 'file_ack', fileId: FILE_ID, index: 0 });
    link.fire('file', { type: 'file_stored', fileId: FILE_ID });
    expect(files.card(id)?.value).toMatchObject({ phase: 'stored', answered: false });

    link.fire('file', { type: 'file_declined', fileId: FILE_ID, by: 'bob' });

    expect(files.card(id)?.value).toMatchObject({ answered: true, notes: ['bob declined'] });
  });

  it('refuses a renamed text file with an alert and sends nothing', async () => {
    const { link, files, placed, alerts } = setup('alice');
    const file = new File(['not an image at all'], 'x.png', { type: 'image/png' });

    await files.send([file], null);

    expect(alerts).toEqual([
      `x.png was not sent: ${ERROR_MESSAGES.file_type_mismatch} It is not a real PNG file.`,
    ]);
    expect(link.sent).toEqual([]);
    expect(placed).toEqual([]);
  });

  it('raises an alert when the room refuses an upload after it started', async () => {
    const { link, files, alerts } = setup('alice');
    await files.send([new File([Uint8Array.from(PNG_HEAD)], 'a.png')], null);
    const sent = await link.takeMessage();
    if (sent.type !== 'file_offer') throw new Error('expected an offer');
    link.fire('file', {
      type: 'file_ready',
      ref: sent.ref,
      fileId: FILE_ID,
      next: 0,
      chunkSize: 100,
      window: 8,
    });

    link.fire('file', { type: 'file_failed', fileId: FILE_ID, code: 'file_type_refused', message: 'Nope.' });

    expect(alerts).toEqual(['a.png was not sent: Nope.']);
  });

  it('stops a running transfer when its card is forgotten (its conversation closed)', async () => {
    const { link, files } = setup('bob');
    const data = bytes(250);
    await offer(link, data);
    files.accept(`in:${FILE_ID}`);

    files.forget([`in:${FILE_ID}`]);

    expect(link.sent.at(-1)).toEqual({ kind: 'message', message: { type: 'file_cancel', fileId: FILE_ID } });
    expect(files.card(`in:${FILE_ID}`)).toBeUndefined();
  });
});
