// Sanitises a file name for display and download: no path separators, control characters or
// invisible format characters (bidi overrides could make "gpj.exe" read as "exe.jpg"), white space
// collapsed, at most MAX_FILE_NAME_CHARS code points with the extension kept. Pure and runtime-neutral:
// the room applies it to offers (upload.ts), the client to names off the wire and its own cards.
// savedFileName adds the rule for saving: the name ends in the extension of the type the room
// detected from the content. Tested in test/unit/worker/protocol/file-name.test.ts.

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

/**
 * The extensions each type goes by, the usual one first: the room's default allow-list
 * (limits.ts) and other types `file-type` detects that a deployment may allow.
 */
const EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png', 'apng'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/heic': ['heic'],
  'image/bmp': ['bmp'],
  'image/tiff': ['tif', 'tiff'],
  'application/pdf': ['pdf'],
  'application/zip': ['zip'],
  'video/mp4': ['mp4'],
  'video/webm': ['webm'],
  'video/quicktime': ['mov'],
  'video/x-matroska': ['mkv'],
  'audio/mpeg': ['mp3', 'mp2', 'mpga'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/wav': ['wav'],
  'audio/flac': ['flac'],
  'audio/aac': ['aac'],
  'audio/mp4': ['m4a'],
  'audio/x-m4a': ['m4a'],
};
/** A type not in the table whose subtype is a plain short word ("video/3gpp" no, "audio/amr" yes). */
const PLAIN_SUBTYPE = /^[a-z0-9]+\/([a-z0-9]{2,5})$/;
/** For a type we cannot name an extension for: no program opens it by mistake. */
export const UNKNOWN_TYPE_EXTENSION = 'bin';

/** The extensions a (normalised, lower-case) MIME type goes by, the usual one first. */
export function extensionsOf(mime: string): readonly string[] {
  const known = EXTENSIONS[mime];
  if (known) return known;
  const plain = PLAIN_SUBTYPE.exec(mime)?.[1];
  return plain === undefined ? [UNKNOWN_TYPE_EXTENSION] : [plain];
}

/**
 * The name to save a received file under: sanitised, and ending in an extension of `mime`, the
 * type the room detected from the content. A name that already does (any case) stays as it is;
 * otherwise the type's usual extension is appended: "invoice.html" that is really a PDF saves as
 * "invoice.html.pdf", "scan" as "scan.pdf". Appending, not replacing, keeps what the sender
 * called it readable while the last extension, the one systems open a file by, tells the truth.
 * Idempotent, so every place that saves may apply it again.
 */
export function savedFileName(raw: string, mime: string): string {
  const name = sanitiseFileName(raw);
  const extensions = extensionsOf(mime);
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
  if (current !== null && extensions.includes(current)) return name;
  return sanitiseFileName(`${name}.${extensions[0] ?? UNKNOWN_TYPE_EXTENSION}`);
}
