// The file the transfer scenarios send: random bytes behind the start of a real PNG, so the room's
// content check (`file-type`, worker/protocol/file-type-check.ts) accepts it as image/png.

import { createHash, randomFillSync } from 'node:crypto';

/**
 * PNG signature, a 13-byte IHDR chunk, then the header of an IDAT chunk. `file-type` walks the PNG
 * chunks up to the first IDAT (it looks for APNG's acTL on the way), so random bytes right after
 * the IHDR would make its answer random; behind an IDAT header they are just image data.
 */
const PNG_HEAD = Uint8Array.from([
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 2, 0, 0, 0, 0x12, 0x34, 0x56, 0x78],
  ...[0, 1, 0, 0, 0x49, 0x44, 0x41, 0x54],
]);

export interface BenchFile {
  name: string;
  mime: 'image/png';
  bytes: Uint8Array<ArrayBuffer>;
  /** Lower-case hex, computed here with node:crypto, independently of the client core. */
  sha256: string;
}

/** `size` bytes (at least the PNG head) that the room accepts as a PNG; random, so incompressible. */
export function benchPng(size: number): BenchFile {
  const bytes = new Uint8Array(Math.max(size, PNG_HEAD.length));
  randomFillSync(bytes);
  bytes.set(PNG_HEAD);
  return {
    name: `bench-${bytes.byteLength}.png`,
    mime: 'image/png',
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
