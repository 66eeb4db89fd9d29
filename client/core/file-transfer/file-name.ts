// File names for display and for the "Download" link, cleaned by the room's rules
// (worker/room/files/file-name.ts; a unit test keeps the two in step): no path separators,
// control or invisible format characters (bidi overrides), white space collapsed, no leading or
// trailing dots, at most MAX_FILE_NAME_CHARS code points with the extension kept. The client
// applies it too, because names come off the wire and its own cards show names before the room has.

import { MAX_FILE_NAME_CHARS } from '../../../worker/protocol/limits';

/** / and \, controls (\p{Cc}) and invisible format characters (\p{Cf}: bidi marks and overrides). */
const REMOVED = /[/\\\p{Cc}\p{Cf}]/gu;
const MAX_EXTENSION_CHARS = 16;

export const FALLBACK_FILE_NAME = 'file';

export function sanitizeFileName(name: string, max = MAX_FILE_NAME_CHARS): string {
  const clean = name
    .normalize('NFC')
    // Line breaks and tabs are white space to collapse, not characters to drop.
    .replace(/[\t\n\v\f\r\u0085]/gu, ' ')
    .replace(REMOVED, '')
    .replace(/\s+/gu, ' ')
    // Leading dots hide a file on Unix; Windows drops trailing dots and spaces.
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const chars = [...clean];
  if (chars.length === 0) return FALLBACK_FILE_NAME;
  if (chars.length <= max) return clean;
  // Keep the extension (".jpeg"), so the cut name still opens with the right program.
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= MAX_EXTENSION_CHARS + 1 ? chars.slice(dot) : [];
  return (
    chars
      .slice(0, max - extension.length)
      .join('')
      .trimEnd() + extension.join('')
  );
}
