// Unit tests for client/core/file-transfer/sniff-type.ts: each default allowed type recognised
// by its first bytes, and text or executables recognised as none of them.

import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_FILE_TYPES } from '#protocol/limits';
import { SNIFFABLE_TYPES, sniffType } from '../../../../../client/core/file-transfer/sniff-type';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffType', () => {
  it.each([
    ['image/png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe1])],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/gif', bytes('GIF87a')],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7\n')],
    ['video/mp4', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0])],
    ['video/mp4', bytes([0, 0, 0, 0x1c], 'ftypmp42', [0, 0, 0, 0])],
    ['video/mp4', bytes([0, 0, 0, 0x20], 'ftypM4P ', [0, 0, 0, 0])],
    ['audio/mpeg', bytes('ID3', [4, 0, 0])],
    ['audio/mpeg', bytes([0xff, 0xfb, 0x90, 0x64])],
  ])('recognises %s', (mime, head) => {
    expect(sniffType(head)).toBe(mime);
  });

  it('recognises none of them in text, an executable, a WAV file or too few bytes', () => {
    expect(sniffType(bytes('hello, world'))).toBeNull();
    expect(sniffType(bytes([0x7f], 'ELF', [2, 1, 1]))).toBeNull();
    expect(sniffType(bytes('MZ', [0x90, 0]))).toBeNull();
    expect(sniffType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffType(bytes([0x89], 'PN'))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });

  it.each([
    ['HEIC', 'heic'],
    ['HEIF', 'mif1'],
    ['AVIF', 'avif'],
    ['QuickTime', 'qt  '],
    ['M4A audio', 'M4A '],
    ['3GPP', '3gp4'],
  ])('does not take a %s file for MP4, although it has an ftyp box too (as the room decides)', (_, brand) => {
    expect(sniffType(bytes([0, 0, 0, 0x18], `ftyp${brand}`, [0, 0, 0, 0]))).toBeNull();
  });

  it('agrees with the room (file-type) on which ftyp brands are MP4', async () => {
    for (const brand of [
      'isom',
      'mp42',
      'M4P ',
      'F4V ',
      'heic',
      'mif1',
      'avif',
      'qt  ',
      'M4A ',
      'M4V ',
      '3g2a',
    ]) {
      const head = bytes([0, 0, 0, 0x18], `ftyp${brand}`, [0, 0, 0, 0, 0, 0, 0, 0]);
      const room = (await fileTypeFromBuffer(head))?.mime;
      expect(sniffType(head) === 'video/mp4', brand).toBe(room === 'video/mp4');
    }
  });

  it('does not take an ftyp box with an unprintable brand, or one cut short, for MP4', () => {
    expect(sniffType(bytes([0, 0, 0, 0x18], 'ftyp', [0, 1, 2, 3]))).toBeNull();
    expect(sniffType(bytes([0, 0, 0, 0x18], 'ftyp'))).toBeNull();
  });

  it('covers every type the room allows by default', () => {
    for (const type of DEFAULT_ALLOWED_FILE_TYPES) expect(SNIFFABLE_TYPES.has(type)).toBe(true);
  });
});
