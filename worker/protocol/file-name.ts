// Sanitises a file name for display and download: no path separators, control characters or
// invisible format characters (bidi overrides could make "gpj.exe" read as "exe.jpg"), white space
// collapsed, at most MAX_FILE_NAME_CHARS code points with the extension kept. Pure and runtime-neutral:
// the room applies it to offers (upload.ts), the client to names off the wire and its own cards.

import { MAX_FILE_NAME_CHARS } from './limits';

/**
 * Removed outright: / and \, control characters (\p{Cc}: C0, DEL, C1) and invisible format
 * characters (\p{Cf}), which include the zero-width and direction marks U+200B–U+200F, the bidi
 * embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the word joiner and the BOM.
 */
const REMOVED = /[/\\\p{Cc}\p{Cf}]/gu;
/** Longest extension kept whole when a long name is cut. */
const MAX_EXTENSION_CHARS = 16;
export const FALLBACK_FILE_NAME = 'file';

export function sanitiseFileName(raw: string, maxChars = MAX_FILE_NAME_CHARS): string {
  const cleaned = raw
    .normalize('NFC')
    // Line breaks and tabs are white space to collapse, not characters to drop.
    .replace(/[\t\n\v\f\r\u0085]/gu, ' ')
    .replace(REMOVED, '')
    .replace(/\s+/gu, ' ')
    // Leading dots would hide the file on Unix; trailing dots and spaces are dropped by Windows.
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const chars = Array.from(cleaned);
  if (chars.length === 0) return FALLBACK_FILE_NAME;
  if (chars.length <= maxChars) return cleaned;
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= MAX_EXTENSION_CHARS + 1 ? chars.slice(dot) : [];
  const base = chars
    .slice(0, maxChars - extension.length)
    .join('')
    .trimEnd();
  return `${base}${extension.join('')}`;
}
