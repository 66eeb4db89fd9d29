// Real PNG images for the file-sharing browser tests, built from scratch with node:zlib: an
// 8-bit RGBA IHDR, one zlib-compressed IDAT (filter 0 on every scanline) and IEND, each chunk
// with its CRC-32. Chromium decodes them, so an inline preview proves the bytes survived.

import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { must } from '../../support/must';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A PNG of `width` × `height` RGBA pixels; `pixel(x, y)` gives each one as [r, g, b, a]. */
export function buildPng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const stride = 1 + width * 4;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * stride + 1 + x * 4);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A few opaque pixels in a red/blue checkerboard: a tiny PNG (well under one file chunk). */
export function tinyPng(width = 4, height = 3): Buffer {
  return buildPng(width, height, (x, y) => ((x + y) % 2 === 0 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
}

/**
 * Opaque random noise: deflate cannot shrink it, so the file is about width × height × 3 bytes
 * (alpha is constant) and spans several of the room's chunks (FILE_CHUNK_BYTES) when large enough.
 */
export function noisyPng(width: number, height: number): Buffer {
  const noise = randomBytes(width * height * 3);
  return buildPng(width, height, (x, y) => {
    const at = (y * width + x) * 3;
    return [must(noise[at]), must(noise[at + 1]), must(noise[at + 2]), 255];
  });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
