// Unit tests for client/core/file-transfer/file-name.ts: names from the wire made safe to show
// and to save (no separators, controls or bidi tricks; long names cut, extension kept), by the
// same rules as the room's sanitiser.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, sanitizeFileName } from '../../../../../client/core/file-transfer/file-name';
import { MAX_FILE_NAME_CHARS } from '../../../../../worker/protocol/limits';
import { sanitiseFileName as roomSanitise } from '../../../../../worker/room/files/file-name';

describe('sanitizeFileName', () => {
  it('keeps an ordinary name as it is, Unicode included', () => {
    expect(sanitizeFileName('Urlaub am Meer – Tag 2.jpeg')).toBe('Urlaub am Meer – Tag 2.jpeg');
    expect(sanitizeFileName('写真.png')).toBe('写真.png');
  });

  it('removes path separators and leading dots, so a name cannot climb directories or hide', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('etcpasswd');
    expect(sanitizeFileName('C:\\Windows\\evil.png')).toBe('C:Windowsevil.png');
    expect(sanitizeFileName('.bashrc')).toBe('bashrc');
  });

  it('removes control characters and bidi overrides that disguise the extension', () => {
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a\u0000b\u001Fc\u007F.png')).toBe('abc.png');
    expect(sanitizeFileName('x\u2066y\u2069\u200F.gif')).toBe('xy.gif');
  });

  it('collapses line breaks, tabs and runs of spaces into one space', () => {
    expect(sanitizeFileName('my\r\nholiday\t\tphoto   1.jpg')).toBe('my holiday photo 1.jpg');
  });

  it('keeps markup as plain characters (it is rendered as text, never parsed)', () => {
    expect(sanitizeFileName('<img src=x onerror=alert(1)>.png')).toBe('<img src=x onerror=alert(1)>.png');
  });

  it('cuts a long name to the limit and keeps its extension', () => {
    const cut = sanitizeFileName(`${'a'.repeat(300)}.jpeg`);
    expect([...cut]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(cut.endsWith('a.jpeg')).toBe(true);
  });

  it('counts code points, so an emoji is never split in half', () => {
    expect(sanitizeFileName('😀'.repeat(200))).toBe('😀'.repeat(MAX_FILE_NAME_CHARS));
  });

  it('falls back to a plain name when nothing is left', () => {
    expect(sanitizeFileName('///')).toBe(FALLBACK_FILE_NAME);
    expect(sanitizeFileName('  \u202E . ')).toBe(FALLBACK_FILE_NAME);
  });

  it("agrees with the room's sanitiser on any name, so a sender's card shows what recipients see", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '/',
        '\\',
        '.',
        ' ',
        '\t',
        '\n',
        '\u202E',
        '\u2066',
        '\u200B',
        '\u0000',
        'é',
        'e\u0301',
        '😀',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), (pieces, max) => {
        const name = pieces.join('');
        expect(sanitizeFileName(name, max)).toBe(roomSanitise(name, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent, so cleaning a name the room already cleaned changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const once = sanitizeFileName(name);
        expect(sanitizeFileName(once)).toBe(once);
      }),
    );
  });
});
