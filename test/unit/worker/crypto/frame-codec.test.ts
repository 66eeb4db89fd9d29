// Unit tests for worker/crypto/frame-codec.ts: the AES-256-GCM frame that carries every message
// after the handshake. The header is authenticated, so tampering, reflection, replay and
// cross-session frames must all fail to open.

import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import {
  compareSeq,
  Direction,
  FRAME_OVERHEAD,
  FrameError,
  HEADER_BYTES,
  IV_BYTES,
  type OpenFailure,
  openFrame,
  readHeader,
  type Seq,
  sealFrame,
} from '#crypto/frame-codec';
import { createSessionKey } from '#crypto/session-key';
import { must } from '../../../support/must';

const acceptAll = () => true;
const encoder = new TextEncoder();

const seqArb = fc.record({ hi: fc.nat({ max: 0xffffffff }), lo: fc.nat({ max: 0xffffffff }) });
const directionArb = fc.constantFrom(Direction.ClientToServer, Direction.ServerToClient);

/** Resolves to the FrameError's reason, or fails the test if the promise does not reject with one. */
async function failureOf(opening: Promise<unknown>): Promise<OpenFailure> {
  try {
    await opening;
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError);
    return (error as FrameError).reason;
  }
  throw new Error('expected the frame to be rejected, but it opened');
}

let key: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  key = (await createSessionKey()).key;
  otherKey = (await createSessionKey()).key;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sealFrame and openFrame', () => {
  it('round-trips arbitrary plaintext in either direction with any sequence number', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        directionArb,
        seqArb,
        async (plaintext, dir, seq) => {
          const frame = await sealFrame(key, dir, seq, plaintext);
          expect(frame.byteLength).toBe(plaintext.byteLength + FRAME_OVERHEAD);
          const opened = await openFrame(key, dir, frame, acceptAll);
          expect(opened.plaintext).toEqual(plaintext);
          expect(opened.seq).toEqual(seq);
        },
      ),
    );
  });

  it('writes the direction and sequence number into a readable header', async () => {
    const frame = await sealFrame(
      key,
      Direction.ServerToClient,
      { hi: 7, lo: 0xfffffffe },
      encoder.encode('x'),
    );
    expect(readHeader(frame)).toEqual({
      direction: Direction.ServerToClient,
      seq: { hi: 7, lo: 0xfffffffe },
    });
  });

  it('draws a fresh IV for every seal, so the same plaintext never gives the same frame', async () => {
    const plaintext = encoder.encode('same words, same sequence number');
    const seq = { hi: 0, lo: 1 };
    const frames = await Promise.all(
      Array.from({ length: 20 }, () => sealFrame(key, Direction.ClientToServer, seq, plaintext)),
    );
    const ivs = new Set(
      frames.map((f) => Buffer.from(f.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES)).toString('hex')),
    );
    const bodies = new Set(
      frames.map((f) => Buffer.from(f.subarray(HEADER_BYTES + IV_BYTES)).toString('hex')),
    );
    expect(ivs.size).toBe(frames.length);
    expect(bodies.size).toBe(frames.length);
  });

  it('opens a frame that sits at an offset inside a larger buffer', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 3 }, encoder.encode('hello'));
    const padded = new Uint8Array(frame.byteLength + 13);
    padded.set(frame, 5);
    const view = padded.subarray(5, 5 + frame.byteLength) as Bytes;
    const opened = await openFrame(key, Direction.ClientToServer, view, acceptAll);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('hello');
    expect(opened.seq).toEqual({ hi: 0, lo: 3 });
  });

  it('rejects a frame with any single bit flipped, in the header, IV, ciphertext or tag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        directionArb,
        seqArb,
        fc.nat(),
        async (plaintext, dir, seq, position) => {
          const frame = await sealFrame(key, dir, seq, plaintext);
          const bit = position % (frame.byteLength * 8);
          const byte = bit >> 3;
          frame[byte] = must(frame[byte]) ^ (1 << (bit & 7));
          const reason = await failureOf(openFrame(key, dir, frame, acceptAll));
          // Version (byte 0) and direction (byte 1) are checked before decryption; a single flip
          // can never turn one valid direction into the other. Everything else is covered by the tag.
          expect(reason).toBe(byte < 2 ? 'malformed' : 'tag');
        },
      ),
    );
  });

  it('rejects a frame opened for the other direction, before asking about its sequence number', async () => {
    const frame = await sealFrame(key, Direction.ServerToClient, { hi: 0, lo: 0 }, encoder.encode('hi'));
    const accept = vi.fn(acceptAll);
    expect(await failureOf(openFrame(key, Direction.ClientToServer, frame, accept))).toBe('direction');
    expect(accept).not.toHaveBeenCalled();
  });

  it('rejects a frame whose sequence number the caller refuses, without decrypting it', async () => {
    const seq = { hi: 2, lo: 41 };
    const frame = await sealFrame(key, Direction.ClientToServer, seq, encoder.encode('replayed'));
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const accept = vi.fn(() => false);
    expect(await failureOf(openFrame(key, Direction.ClientToServer, frame, accept))).toBe('seq');
    expect(accept).toHaveBeenCalledExactlyOnceWith(seq);
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('reports a refused sequence number as seq even when the tag is also bad', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 1 }, encoder.encode('x'));
    frame[frame.byteLength - 1] = must(frame[frame.byteLength - 1]) ^ 0xff;
    expect(await failureOf(openFrame(key, Direction.ClientToServer, frame, () => false))).toBe('seq');
  });

  it('rejects a frame sealed with another session key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 256 }), seqArb, async (plaintext, seq) => {
        const frame = await sealFrame(otherKey, Direction.ClientToServer, seq, plaintext);
        expect(await failureOf(openFrame(key, Direction.ClientToServer, frame, acceptAll))).toBe('tag');
      }),
    );
  });

  it('rejects a frame whose header was swapped for another sequence number (replay under a new number)', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 1 }, encoder.encode('pay 5'));
    new DataView(frame.buffer).setUint32(6, 2);
    expect(await failureOf(openFrame(key, Direction.ClientToServer, frame, acceptAll))).toBe('tag');
  });

  it('rejects a frame reflected back to its sender with the direction byte rewritten', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 1 }, encoder.encode('echo'));
    frame[1] = Direction.ServerToClient;
    expect(await failureOf(openFrame(key, Direction.ServerToClient, frame, acceptAll))).toBe('tag');
  });

  it('rejects any frame shorter than header, IV and tag as malformed', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 0 }, encoder.encode('hello'));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: FRAME_OVERHEAD - 1 }), async (length) => {
        const truncated = frame.slice(0, length);
        expect(await failureOf(openFrame(key, Direction.ClientToServer, truncated, acceptAll))).toBe(
          'malformed',
        );
      }),
    );
  });

  it('rejects a frame cut short inside its ciphertext or tag as a bad tag', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 0 }, encoder.encode('hello'));
    for (let length = FRAME_OVERHEAD; length < frame.byteLength; length++) {
      expect(
        await failureOf(openFrame(key, Direction.ClientToServer, frame.slice(0, length), acceptAll)),
      ).toBe('tag');
    }
  });

  it('rejects a frame with an unknown version or direction byte as malformed', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 0 }, encoder.encode('x'));
    for (const [offset, value] of [
      [0, 0],
      [0, 2],
      [1, 0],
      [1, 3],
    ] as const) {
      const copy = frame.slice();
      copy[offset] = value;
      expect(() => readHeader(copy)).toThrow(FrameError);
      expect(await failureOf(openFrame(key, Direction.ClientToServer, copy, acceptAll))).toBe('malformed');
    }
  });

  it('opens an empty plaintext, the smallest valid frame', async () => {
    const frame = await sealFrame(key, Direction.ClientToServer, { hi: 0, lo: 0 }, new Uint8Array(0));
    expect(frame.byteLength).toBe(FRAME_OVERHEAD);
    expect((await openFrame(key, Direction.ClientToServer, frame, acceptAll)).plaintext).toEqual(
      new Uint8Array(0),
    );
  });
});

describe('compareSeq', () => {
  const asBigInt = (s: Seq) => (BigInt(s.hi) << 32n) | BigInt(s.lo);

  it('orders sequence numbers as 64-bit integers, high word first', () => {
    fc.assert(
      fc.property(seqArb, seqArb, (a, b) => {
        const expected = asBigInt(a) < asBigInt(b) ? -1 : asBigInt(a) > asBigInt(b) ? 1 : 0;
        expect(Math.sign(compareSeq(a, b))).toBe(expected);
      }),
    );
  });

  it('puts a later wake epoch after any counter of an earlier one', () => {
    expect(compareSeq({ hi: 1, lo: 0 }, { hi: 0, lo: 0xffffffff })).toBeGreaterThan(0);
    expect(compareSeq({ hi: 0, lo: 0xffffffff }, { hi: 1, lo: 0 })).toBeLessThan(0);
    expect(compareSeq({ hi: 3, lo: 9 }, { hi: 3, lo: 9 })).toBe(0);
  });

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(seqArb, seqArb, (a, b) => {
        expect(Math.sign(compareSeq(a, b)) + Math.sign(compareSeq(b, a))).toBe(0);
      }),
    );
  });
});
