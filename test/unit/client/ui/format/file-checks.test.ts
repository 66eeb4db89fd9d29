// Unit tests for client/ui/format/file-checks.ts: the comfort checks before a file is offered
// (empty, too large, content not of an allowed type), and the type declared for a good file.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { acceptList, checkFile, DEFAULT_FILE_POLICY } from '../../../../../client/ui/format/file-checks';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const TEXT = new TextEncoder().encode('just some text\n');
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);

describe('checkFile', () => {
  it('accepts a PNG and declares the type its content shows', () => {
    expect(checkFile({ name: 'photo.png', size: 1234, type: 'image/png' }, PNG)).toEqual({
      ok: true,
      mime: 'image/png',
    });
  });

  it('declares the content type even when the name says otherwise', () => {
    expect(checkFile({ name: 'photo.png', size: 1234, type: 'image/png' }, JPEG)).toEqual({
      ok: true,
      mime: 'image/jpeg',
    });
  });

  it('refuses an empty file, saying so', () => {
    const verdict = checkFile({ name: 'empty.png', size: 0, type: 'image/png' }, new Uint8Array());
    expect(verdict).toEqual({ ok: false, message: `empty.png was not sent: ${ERROR_MESSAGES.file_empty}` });
  });

  it('refuses a file over 25 MiB, naming the limit and its size', () => {
    const verdict = checkFile({ name: 'big.mp4', size: 30 * 1024 * 1024, type: 'video/mp4' }, PNG);
    expect(!verdict.ok && verdict.message).toBe(
      `big.mp4 was not sent: ${ERROR_MESSAGES.file_too_large} The limit is 25 MB; it has 30 MB.`,
    );
  });

  it('refuses a file just one byte over the limit without a confusing "it has 25 MB"', () => {
    const verdict = checkFile({ name: 'big.png', size: 25 * 1024 * 1024 + 1, type: 'image/png' }, PNG);
    expect(!verdict.ok && verdict.message).toBe(
      `big.png was not sent: ${ERROR_MESSAGES.file_too_large} The limit is 25 MB.`,
    );
  });

  it('accepts a file of exactly 25 MiB', () => {
    expect(checkFile({ name: 'big.png', size: 25 * 1024 * 1024, type: 'image/png' }, PNG).ok).toBe(true);
  });

  it('refuses a text file renamed to .png as not what it claims to be', () => {
    const verdict = checkFile({ name: 'x.png', size: 15, type: 'image/png' }, TEXT);
    expect(!verdict.ok && verdict.message).toBe(
      `x.png was not sent: ${ERROR_MESSAGES.file_type_mismatch} It is not a real PNG file.`,
    );
  });

  it('refuses a renamed executable whose browser type is empty', () => {
    const verdict = checkFile({ name: 'holiday.jpg', size: 8, type: '' }, ELF);
    expect(!verdict.ok && verdict.message).toContain(ERROR_MESSAGES.file_type_mismatch);
  });

  it('refuses a type that is not allowed and lists the allowed ones', () => {
    const verdict = checkFile({ name: 'notes.txt', size: 15, type: 'text/plain' }, TEXT);
    expect(!verdict.ok && verdict.message).toBe(
      `notes.txt was not sent: ${ERROR_MESSAGES.file_type_refused} Allowed: MP4, MP3, JPEG, PNG, GIF, WebP and PDF.`,
    );
  });

  it('leaves types it cannot recognise to a room configured to allow them', () => {
    const policy = {
      ...DEFAULT_FILE_POLICY,
      allowedTypes: [...DEFAULT_FILE_POLICY.allowedTypes, 'text/plain'],
    };
    expect(checkFile({ name: 'notes.txt', size: 15, type: 'text/plain' }, TEXT, policy)).toEqual({
      ok: true,
      mime: 'text/plain',
    });
  });
});

describe('acceptList', () => {
  it('hints the picker with the allowed types and their extensions', () => {
    const list = acceptList().split(',');
    expect(list).toEqual(
      expect.arrayContaining(['image/png', '.png', 'image/jpeg', '.jpg', '.jpeg', '.pdf', '.mp3']),
    );
  });
});
