// Unit tests for worker/room/files/file-name.ts: file names are safe to show and to save.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, sanitiseFileName } from '#protocol/file-name';
import { MAX_FILE_NAME_CHARS } from '#protocol/limits';

describe('sanitiseFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitiseFileName('holiday photo (2).jpg')).toBe('holiday photo (2).jpg');
    expect(sanitiseFileName('été à Zürich — 日本.png')).toBe('été à Zürich — 日本.png');
  });

  it('removes path separators, so a name cannot climb out of a folder', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('etcpasswd');
    expect(sanitiseFileName('C:\\Windows\\evil.png')).toBe('C:Windowsevil.png');
  });

  it('removes control characters and turns tabs and line breaks into spaces', () => {
    expect(sanitiseFileName('a\u0000b\u0007c\u007f\u009bd.png')).toBe('abcd.png');
    expect(sanitiseFileName('two\nlines\r\n\tand a tab.png')).toBe('two lines and a tab.png');
  });

  it('removes bidi overrides and invisible format characters, so "gnp.exe" cannot pose as a PNG', () => {
    expect(sanitiseFileName('photo\u202Egnp.exe')).toBe('photognp.exe');
    for (const c of [
      '\u200B',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
    ]) {
      expect(sanitiseFileName(`a${c}b.pdf`)).toBe('ab.pdf');
    }
    for (const c of ['\u2066', '\u2067', '\u2068', '\u2069', '\u2060', '\uFEFF', '\u061C']) {
      expect(sanitiseFileName(`a${c}b.pdf`)).toBe('ab.pdf');
    }
  });

  it('trims and collapses white space, and drops leading dots', () => {
    expect(sanitiseFileName('   my    file .png  ')).toBe('my file .png');
    expect(sanitiseFileName('.hidden.png')).toBe('hidden.png');
    expect(sanitiseFileName('name.png...')).toBe('name.png');
  });

  it(`cuts long names to ${MAX_FILE_NAME_CHARS} code points, keeping the extension`, () => {
    const cut = sanitiseFileName(`${'a'.repeat(300)}.jpeg`);
    expect(Array.from(cut)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(cut.endsWith('a.jpeg')).toBe(true);
    // Emoji count as one character each and are never split in half.
    const emoji = sanitiseFileName(`${'😀'.repeat(200)}.png`);
    expect(Array.from(emoji)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(emoji.endsWith('😀.png')).toBe(true);
    // No lone surrogate left behind.
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('falls back to "file" when nothing is left', () => {
    expect(sanitiseFileName('')).toBe(FALLBACK_FILE_NAME);
    expect(sanitiseFileName('///\\\\')).toBe(FALLBACK_FILE_NAME);
    expect(sanitiseFileName('\u202E\u200B ... ')).toBe(FALLBACK_FILE_NAME);
  });

  it('never returns a name with a separator, control or format character, or too many characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = sanitiseFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_CHARS);
        expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
        expect(name).toBe(name.trim());
      }),
      { numRuns: 300 },
    );
  });
});
