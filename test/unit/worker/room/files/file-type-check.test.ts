// Unit tests for worker/protocol/file-type-check.ts and file-limits.ts: the type comes from the
// content, the allow-list and the size limits come from the wrangler vars (via worker/config.ts),
// with defaults, a new file must fit the sender's and the room's staged-bytes allowance, and chunks
// land in staged objects of a few chunks each.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_FILE_TYPES,
  DEFAULT_FILE_TTL_MS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_STAGED_BYTES,
  DEFAULT_MAX_STAGED_BYTES_PER_USER,
} from '#protocol/limits';
import { parseConfig } from '../../../../../worker/config';
import { checkFileType, normaliseMime } from '../../../../../worker/protocol/file-type-check';
import {
  chunkCount,
  expectedChunkBytes,
  fileLimitsFrom,
  firstChunkOf,
  objectBytes,
  objectCount,
  objectOf,
  STAGED_OBJECT_CHUNKS,
  stagingRefusal,
  UPLOAD_WINDOW_CHUNKS,
} from '../../../../../worker/room/files/file-limits';

const allowed = new Set<string>(DEFAULT_ALLOWED_FILE_TYPES);
/** The limits a deployment with these wrangler vars gets (worker/config.ts parses them). */
const limitsOf = (vars: Record<string, string | undefined>) => fileLimitsFrom(parseConfig(vars).config);
const bytes = (...head: number[]) => {
  const out = new Uint8Array(512);
  out.set(head);
  return out;
};
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const ELF = bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');

describe('checkFileType', () => {
  it('accepts allowed content whose declared type matches, including the usual aliases', async () => {
    expect(await checkFileType(JPEG, 'image/jpeg', allowed)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(await checkFileType(JPEG, 'image/jpg', allowed)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(await checkFileType(JPEG, 'IMAGE/JPEG; q=1', allowed)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(await checkFileType(PDF, 'application/pdf', allowed)).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
  });

  it('decides by content when the client does not know the type', async () => {
    expect(await checkFileType(JPEG, '', allowed)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(await checkFileType(JPEG, 'application/octet-stream', allowed)).toMatchObject({ ok: true });
  });

  it('refuses an executable, whatever it claims to be', async () => {
    expect(await checkFileType(ELF, 'image/png', allowed)).toMatchObject({
      ok: false,
      code: 'file_type_refused',
    });
    expect(await checkFileType(bytes(0x4d, 0x5a), 'image/png', allowed)).toMatchObject({
      ok: false,
      code: 'file_type_refused',
    });
  });

  it('refuses content of no known type', async () => {
    const text = new TextEncoder().encode('hello, just text');
    expect(await checkFileType(text, 'image/png', allowed)).toEqual({
      ok: false,
      code: 'file_type_refused',
      detected: null,
    });
  });

  it('refuses allowed content that is not what was declared', async () => {
    expect(await checkFileType(JPEG, 'image/png', allowed)).toMatchObject({
      ok: false,
      code: 'file_type_mismatch',
    });
  });

  it('follows the allow-list it is given', async () => {
    expect(await checkFileType(PDF, 'application/pdf', new Set(['image/png']))).toMatchObject({
      code: 'file_type_refused',
    });
  });

  it('normalises type names', () => {
    expect(normaliseMime(' Image/JPG ')).toBe('image/jpeg');
    expect(normaliseMime('audio/mp3')).toBe('audio/mpeg');
    expect(normaliseMime('image/apng')).toBe('image/png');
    expect(normaliseMime('text/plain; charset=utf-8')).toBe('text/plain');
  });
});

describe('fileLimitsFrom', () => {
  it('uses the defaults when the vars are unset or not usable', () => {
    for (const vars of [{}, { MAX_FILE_BYTES: 'lots', FILE_TTL_HOURS: '-1', ALLOWED_FILE_TYPES: ' , ' }]) {
      const limits = limitsOf(vars);
      expect(limits.maxBytes).toBe(DEFAULT_MAX_FILE_BYTES);
      expect(limits.ttlMs).toBe(DEFAULT_FILE_TTL_MS);
      expect([...limits.allowedTypes]).toEqual([...DEFAULT_ALLOWED_FILE_TYPES]);
      expect(limits.maxStagedPerUser).toBe(DEFAULT_MAX_STAGED_BYTES_PER_USER);
      expect(limits.maxStagedRoom).toBe(DEFAULT_MAX_STAGED_BYTES);
    }
    const bad = limitsOf({ MAX_STAGED_BYTES_PER_USER: '0', MAX_STAGED_BYTES: '1.5' });
    expect([bad.maxStagedPerUser, bad.maxStagedRoom]).toEqual([
      DEFAULT_MAX_STAGED_BYTES_PER_USER,
      DEFAULT_MAX_STAGED_BYTES,
    ]);
  });

  it('reads the vars', () => {
    const limits = limitsOf({
      MAX_FILE_BYTES: '1048576',
      FILE_TTL_HOURS: '0.5',
      ALLOWED_FILE_TYPES: 'image/png, IMAGE/JPG',
      MAX_STAGED_BYTES_PER_USER: '5000000',
      MAX_STAGED_BYTES: '9000000',
    });
    expect(limits.maxStagedPerUser).toBe(5_000_000);
    expect(limits.maxStagedRoom).toBe(9_000_000);
    expect(limits.maxBytes).toBe(1_048_576);
    expect(limits.ttlMs).toBe(30 * 60 * 1000);
    expect([...limits.allowedTypes]).toEqual(['image/png', 'image/jpeg']);
  });
});

describe('stagingRefusal', () => {
  const limits = { maxStagedPerUser: 100, maxStagedRoom: 250 };

  it("takes a file that fits both the sender's and the room's allowance, up to the byte", () => {
    expect(stagingRefusal(limits, { user: 0, room: 0 }, 100)).toBeNull();
    expect(stagingRefusal(limits, { user: 60, room: 210 }, 40)).toBeNull();
  });

  it("refuses past the sender's allowance first, then past the room's", () => {
    expect(stagingRefusal(limits, { user: 60, room: 60 }, 41)).toBe('file_quota');
    expect(stagingRefusal(limits, { user: 90, room: 249 }, 20)).toBe('file_quota');
    expect(stagingRefusal(limits, { user: 0, room: 200 }, 51)).toBe('room_file_quota');
  });
});

describe('chunk arithmetic', () => {
  it('counts chunks and the size each one must have', () => {
    expect(chunkCount(1, 10)).toBe(1);
    expect(chunkCount(10, 10)).toBe(1);
    expect(chunkCount(11, 10)).toBe(2);
    expect(expectedChunkBytes(25, 10, 0)).toBe(10);
    expect(expectedChunkBytes(25, 10, 2)).toBe(5);
    expect(expectedChunkBytes(25, 10, 3)).toBe(0);
  });

  it('places chunks in staged objects of a few chunks each, the last one short', () => {
    // 25 bytes in chunks of 10, 2 chunks per object: objects [0, 1] and [2].
    const layout = { size: 25, chunkSize: 10, objectChunks: 2 };
    expect([0, 1, 2].map((i) => objectOf(layout, i))).toEqual([0, 0, 1]);
    expect(firstChunkOf(layout, 1)).toBe(2);
    expect(objectBytes(layout, 0)).toBe(20);
    expect(objectBytes(layout, 1)).toBe(5);
    expect(objectCount(layout)).toBe(2);
    expect(objectCount({ size: 40, chunkSize: 10, objectChunks: 2 })).toBe(2);
  });

  it('announces an upload window that spans whole objects', () => {
    expect(UPLOAD_WINDOW_CHUNKS % STAGED_OBJECT_CHUNKS).toBe(0);
    expect(UPLOAD_WINDOW_CHUNKS).toBeGreaterThan(STAGED_OBJECT_CHUNKS);
    expect(limitsOf({}).uploadWindow).toBe(UPLOAD_WINDOW_CHUNKS);
  });
});
