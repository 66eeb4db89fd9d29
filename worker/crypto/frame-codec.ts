// The encrypted frame: AES-256-GCM with a fresh 96-bit IV, the header bound as additional data.
// Runtime-neutral: the ChatRoom DO, the browser client, tests and the bench all seal and open with it.
//
//   offset  size  field
//   0       1     version (1)
//   1       1     direction: 1 = client→server, 2 = server→client
//   2       4     sequence, high word (server: wake epoch; client: 0)
//   6       4     sequence, low word (a counter)
//   10      12    IV
//   22      n+16  ciphertext and GCM tag
//
// The header (bytes 0–9) is the AAD, so a frame replayed, reordered, reflected back to its
// sender or moved to another session fails to open: the tag covers direction and sequence,
// and each session has its own key.

import type { Bytes } from './base64';
export const FRAME_VERSION = 1;
export const HEADER_BYTES = 10;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const FRAME_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;

export const Direction = { ClientToServer: 1, ServerToClient: 2 } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

/** A 64-bit sequence number kept as two 32-bit words, compared high word first. */
export interface Seq {
  readonly hi: number;
  readonly lo: number;
}

export function compareSeq(a: Seq, b: Seq): number {
  return a.hi !== b.hi ? a.hi - b.hi : a.lo - b.lo;
}

export interface FrameHeader {
  readonly direction: Direction;
  readonly seq: Seq;
}

/** Why a frame could not be opened. `seq` means the header parsed but the sequence was wrong. */
export type OpenFailure = 'malformed' | 'direction' | 'seq' | 'tag';

export class FrameError extends Error {
  constructor(readonly reason: OpenFailure) {
    super(`frame rejected: ${reason}`);
    this.name = 'FrameError';
  }
}

function writeHeader(out: Bytes, direction: Direction, seq: Seq): void {
  const view = new DataView(out.buffer, out.byteOffset, HEADER_BYTES);
  view.setUint8(0, FRAME_VERSION);
  view.setUint8(1, direction);
  view.setUint32(2, seq.hi);
  view.setUint32(6, seq.lo);
}

export function readHeader(frame: Bytes): FrameHeader {
  if (frame.byteLength < FRAME_OVERHEAD) throw new FrameError('malformed');
  const view = new DataView(frame.buffer, frame.byteOffset, HEADER_BYTES);
  if (view.getUint8(0) !== FRAME_VERSION) throw new FrameError('malformed');
  const direction = view.getUint8(1);
  if (direction !== Direction.ClientToServer && direction !== Direction.ServerToClient) {
    throw new FrameError('malformed');
  }
  return { direction, seq: { hi: view.getUint32(2), lo: view.getUint32(6) } };
}

/**
 * Encrypts `plaintext` into one frame. The IV is 96 fresh random bits: drawn here, or passed in by
 * a caller that draws many at once (never reuse one).
 */
export async function sealFrame(
  key: CryptoKey,
  direction: Direction,
  seq: Seq,
  plaintext: Bytes,
  iv: Bytes = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<Bytes> {
  if (iv.byteLength !== IV_BYTES) throw new TypeError('the IV must be 96 bits');
  const header = new Uint8Array(HEADER_BYTES);
  writeHeader(header, direction, seq);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, key, plaintext),
  );
  const frame = new Uint8Array(HEADER_BYTES + IV_BYTES + sealed.byteLength);
  frame.set(header, 0);
  frame.set(iv, HEADER_BYTES);
  frame.set(sealed, HEADER_BYTES + IV_BYTES);
  // Free the intermediate now rather than at the next full GC: a file chunk's is 256 KiB.
  (sealed.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
  return frame;
}

/**
 * Opens a frame sent in `direction`. `accept` sees the parsed sequence number first and
 * returns false to refuse it (replayed or out of order) before any decryption is done.
 * Throws FrameError; never returns unauthenticated bytes.
 */
export async function openFrame(
  key: CryptoKey,
  direction: Direction,
  frame: Bytes,
  accept: (seq: Seq) => boolean,
): Promise<{ seq: Seq; plaintext: Bytes }> {
  const header = readHeader(frame);
  if (header.direction !== direction) throw new FrameError('direction');
  if (!accept(header.seq)) throw new FrameError('seq');
  const iv = frame.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: frame.subarray(0, HEADER_BYTES) },
      key,
      frame.subarray(HEADER_BYTES + IV_BYTES),
    );
    return { seq: header.seq, plaintext: new Uint8Array(plaintext) };
  } catch {
    throw new FrameError('tag');
  }
}
