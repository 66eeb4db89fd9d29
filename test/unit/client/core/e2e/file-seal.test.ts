// One private file's encryption (client/core/e2e/file-seal.ts): its chunks are laid out so each
// sealed one but the last is the room's chunk size; what the sender seals opens for the recipient
// and decrypts chunk by chunk; a chunk swapped with another index or another file, an envelope with
// any bit changed, and a room that announces another ciphertext size all fail.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { CHUNK_OVERHEAD_BYTES } from '../../../../../client/core/e2e/file-envelope';
import {
  openFile,
  PLAIN_CHUNK_BYTES,
  sealedLayout,
  sealFile,
} from '../../../../../client/core/e2e/file-seal';
import { must } from '../../../../support/must';
import { context, newSession, parties, T0 } from './sessions';

const facts = {
  name: 'holiday.png',
  type: 'image/png',
  size: 2 * PLAIN_CHUNK_BYTES + 5,
  sha256: 'b'.repeat(64),
};

function plainChunk(index: number): Uint8Array<ArrayBuffer> {
  const size = Math.min(PLAIN_CHUNK_BYTES, facts.size - index * PLAIN_CHUNK_BYTES);
  return new Uint8Array(size).fill(index + 1);
}

// The first seal loads @hpke/core (a dynamic import): on a busy machine that alone can take seconds.
beforeAll(async () => {
  const [alice, bob] = [await newSession('alice'), await newSession('bob')];
  await sealFile(facts, await parties(alice, bob), 1, T0);
}, 60_000);

describe('a sealed file’s layout', () => {
  it('makes every sealed chunk but the last exactly the room’s chunk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000_000 }), (size) => {
        const { chunks, wireSize } = sealedLayout(size);
        expect(chunks).toBe(Math.ceil(wireSize / FILE_CHUNK_BYTES));
        expect(wireSize - (chunks - 1) * FILE_CHUNK_BYTES).toBeGreaterThan(CHUNK_OVERHEAD_BYTES);
        expect(wireSize).toBe(size + chunks * CHUNK_OVERHEAD_BYTES);
      }),
    );
  });
});

describe('a sealed file', () => {
  it('opens for its recipient with the sealed facts, and each chunk decrypts at its own index', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const sealed = await sealFile(facts, await parties(alice, bob), 7, T0);
    expect(JSON.stringify(sealed.envelope)).not.toContain('holiday');
    const opened = await openFile(sealed.envelope, sealed.wireSize, await context(bob, alice));
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.body.facts).toEqual(facts);
    expect(opened.body.chunks).toBe(3);
    for (let index = 0; index < 3; index++) {
      const cipher = await sealed.encrypt(index, plainChunk(index));
      // Compared as buffers: element-by-element equality of 256 KiB arrays is slow on a busy machine.
      const plain = must(await opened.body.decrypt(index, cipher));
      expect(Buffer.from(plain).equals(plainChunk(index))).toBe(true);
    }
  });

  it('refuses a chunk moved to another index or taken from another file', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const first = await sealFile(facts, await parties(alice, bob), 7, T0);
    const second = await sealFile(facts, await parties(alice, bob), 8, T0);
    const opened = await openFile(first.envelope, first.wireSize, await context(bob, alice));
    if (!opened.ok) throw new Error(opened.reason);
    const chunk1 = await first.encrypt(1, plainChunk(1));
    expect(await opened.body.decrypt(0, chunk1)).toBeNull();
    expect(await opened.body.decrypt(2, chunk1)).toBeNull();
    expect(await opened.body.decrypt(1, await second.encrypt(1, plainChunk(1)))).toBeNull();
  });

  it('does not open when any character of its envelope is changed', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const sealed = await sealFile(facts, await parties(alice, bob), 7, T0);
    const json = JSON.stringify(sealed.envelope);
    const ctx = await context(bob, alice);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: json.length - 1 }),
        fc.constantFrom('A', 'z', '0', '_'),
        async (at, c) => {
          fc.pre(json[at] !== c && /[A-Za-z0-9_-]/.test(must(json[at])));
          let changed: unknown;
          try {
            changed = JSON.parse(json.slice(0, at) + c + json.slice(at + 1));
          } catch {
            return;
          }
          expect((await openFile(changed, sealed.wireSize, ctx)).ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not open when the room announces another ciphertext size, nor for a third party', async () => {
    const [alice, bob, carol] = [
      await newSession('alice'),
      await newSession('bob'),
      await newSession('carol'),
    ];
    const sealed = await sealFile(facts, await parties(alice, bob), 7, T0);
    expect(await openFile(sealed.envelope, sealed.wireSize + 1, await context(bob, alice))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect((await openFile(sealed.envelope, sealed.wireSize, await context(carol, alice))).ok).toBe(false);
  });
});
