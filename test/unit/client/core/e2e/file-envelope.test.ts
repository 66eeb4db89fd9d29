// Private files: the sealed offer opens for both sides with its file key, and chunks round trip
// only at their own index of their own file (client/core/e2e/file-envelope.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openMessage } from '../../../../../client/core/e2e/envelope';
import {
  CHUNK_OVERHEAD_BYTES,
  decryptChunk,
  encryptChunk,
  newFileId,
  newFileKey,
  openFileOffer,
  sealFileOffer,
} from '../../../../../client/core/e2e/file-envelope';
import { context, newSession, parties, T0 } from './sessions';

const offer = {
  fileId: newFileId(),
  name: 'holiday.png',
  type: 'image/png',
  size: 5,
  sha256: 'a'.repeat(64),
  ts: T0,
};

describe('a private file offer', () => {
  it('opens for the recipient and the sender, and its key decrypts the sender’s chunks', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const fileKey = await newFileKey();
    const envelope = await sealFileOffer(offer, fileKey.raw, 3, await parties(alice, bob));
    expect(JSON.stringify(envelope)).not.toContain('holiday');
    const chunk = await encryptChunk(fileKey.key, offer.fileId, 0, new Uint8Array([1, 2, 3, 4, 5]));
    for (const [me, peer] of [
      [bob, alice],
      [alice, bob],
    ] as const) {
      const opened = await openFileOffer(envelope, await context(me, peer));
      if (!opened.ok) throw new Error(opened.reason);
      expect(opened.body).toMatchObject(offer);
      expect(await decryptChunk(opened.body.key, offer.fileId, 0, chunk)).toEqual(
        new Uint8Array([1, 2, 3, 4, 5]),
      );
    }
  });

  it('does not open as a message, nor a message as a file offer', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const envelope = await sealFileOffer(offer, (await newFileKey()).raw, 3, await parties(alice, bob));
    expect(await openMessage(envelope, await context(bob, alice))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(await openMessage({ ...envelope, kind: 'msg' }, await context(bob, alice))).toEqual({
      ok: false,
      reason: 'signature',
    });
  });
});

describe('file chunks', () => {
  it('round trip at their own index, with a fixed overhead', async () => {
    const { key } = await newFileKey();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.nat({ max: 1000 }), async (data, index) => {
        const plain = new Uint8Array(data);
        const sealed = await encryptChunk(key, offer.fileId, index, plain);
        expect(sealed.byteLength).toBe(plain.byteLength + CHUNK_OVERHEAD_BYTES);
        expect(await decryptChunk(key, offer.fileId, index, sealed)).toEqual(plain);
      }),
      { numRuns: 100 },
    );
  });

  it('fail when moved to another index or another file, or under another key', async () => {
    const { key } = await newFileKey();
    const sealed = await encryptChunk(key, offer.fileId, 4, new Uint8Array([9, 9, 9]));
    expect(await decryptChunk(key, offer.fileId, 5, sealed)).toBeNull();
    expect(await decryptChunk(key, offer.fileId, 3, sealed)).toBeNull();
    expect(await decryptChunk(key, newFileId(), 4, sealed)).toBeNull();
    expect(await decryptChunk((await newFileKey()).key, offer.fileId, 4, sealed)).toBeNull();
  });

  it('fail when any bit is flipped or they are cut short', async () => {
    const { key } = await newFileKey();
    const sealed = await encryptChunk(key, offer.fileId, 0, new Uint8Array(64).fill(7));
    for (let bit = 0; bit < sealed.byteLength * 8; bit++) {
      const flipped = sealed.slice();
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(await decryptChunk(key, offer.fileId, 0, flipped)).toBeNull();
    }
    expect(await decryptChunk(key, offer.fileId, 0, sealed.subarray(0, sealed.byteLength - 1))).toBeNull();
    expect(await decryptChunk(key, offer.fileId, 0, sealed.subarray(0, 10))).toBeNull();
  });
});
