// Unit tests for worker/protocol/file-name.ts: file names are safe to show and to save, and a
// saved file's name ends in the extension of the type the room detected.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extensionsOf,
  FALLBACK_FILE_NAME,
  sanitiseFileName,
  savedFileName,
  UNKNOWN_TYPE_EXTENSION,
} from '#protocol/file-name';
import { DEFAULT_ALLOWED_FILE_TYPES, MAX_FILE_NAME_CHARS } from '#protocol/limits';

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

describe('savedFileName', () => {
  it('keeps a name that already ends in an extension of the detected type, in any case', () => {
    expect(savedFileName('invoice.pdf', 'application/pdf')).toBe('invoice.pdf');
    expect(savedFileName('PHOTO.JPEG', 'image/jpeg')).toBe('PHOTO.JPEG');
    expect(savedFileName('song.mp3', 'audio/mpeg')).toBe('song.mp3');
  });

  it('appends the extension of the detected type to a name that claims another one', () => {
    expect(savedFileName('invoice.html', 'application/pdf')).toBe('invoice.html.pdf');
    expect(savedFileName('photo.jpg', 'image/png')).toBe('photo.jpg.png');
    expect(savedFileName('setup.exe', 'image/gif')).toBe('setup.exe.gif');
  });

  it('appends the extension to a name that has none', () => {
    expect(savedFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(savedFileName('.pdf', 'application/pdf')).toBe('pdf.pdf');
    expect(savedFileName('', 'image/webp')).toBe('file.webp');
  });

  it('sanitises first, so a bidi override cannot hide the real extension', () => {
    expect(savedFileName('photo\u202Egnp.exe', 'image/png')).toBe('photognp.exe.png');
  });

  it('names an extension for every type on the default allow-list', () => {
    for (const mime of DEFAULT_ALLOWED_FILE_TYPES)
      expect(extensionsOf(mime)[0]).not.toBe(UNKNOWN_TYPE_EXTENSION);
  });

  it('uses a plain subtype as the extension of an unlisted type, and "bin" for anything else', () => {
    expect(savedFileName('voice', 'audio/amr')).toBe('voice.amr');
    expect(savedFileName('thing.exe', 'application/x-msdownload')).toBe('thing.exe.bin');
    expect(savedFileName('thing', '')).toBe('thing.bin');
  });

  it('keeps the extension when the name is at the length limit', () => {
    const saved = savedFileName(`${'a'.repeat(MAX_FILE_NAME_CHARS)}`, 'application/pdf');
    expect(Array.from(saved)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(saved.endsWith('a.pdf')).toBe(true);
  });

  it('always ends in an extension of the type, stays sanitised, and is idempotent', () => {
    const types = fc.constantFrom(...DEFAULT_ALLOWED_FILE_TYPES, 'audio/amr', 'application/x-msdownload', '');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), types, (raw, mime) => {
        const saved = savedFileName(raw, mime);
        const extension = saved.slice(saved.lastIndexOf('.') + 1).toLowerCase();
        expect(extensionsOf(mime)).toContain(extension);
        expect(sanitiseFileName(saved)).toBe(saved);
        expect(savedFileName(saved, mime)).toBe(saved);
      }),
      { numRuns: 300 },
    );
  });
});
