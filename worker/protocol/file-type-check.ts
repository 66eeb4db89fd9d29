// Decides a file's type from its first bytes (magic numbers, with the `file-type` package), never
// from its name or the type the client claims, and checks it against the allow-list and the claim.
// Shared: the room checks Lobby and plain private files with it (worker/room/files/upload.ts); the
// recipient's client checks a file sealed end to end after decrypting it (client/core/file-transfer/
// content-check.ts, loaded lazily). Runtime-neutral: `file-type`'s core, no Node streams.

import { fileTypeFromBuffer } from 'file-type';
import type { ErrorCode } from './errors';

/** Names some browsers and tools use for the same type. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  // An animated PNG is a PNG to every viewer; `file-type` names it apart.
  'image/apng': 'image/png',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
};

/** Lower-cased, without parameters, aliases resolved: "Image/JPG; q=1" → "image/jpeg". */
export function normaliseMime(mime: string): string {
  const bare = (mime.split(';', 1)[0] ?? '').trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/** A (normalised) claim that says nothing: browsers send "" for a type they do not know. */
export function isNoClaim(mime: string): boolean {
  return mime === '' || mime === 'application/octet-stream';
}

export type TypeCheck = { ok: true; mime: string } | { ok: false; code: ErrorCode; detected: string | null };

/**
 * Checks the first chunk of a file. Refused: content of an unknown type or one not on the
 * allow-list (file_type_refused), and allowed content that is not what the client declared
 * (file_type_mismatch).
 */
export async function checkFileType(
  head: Uint8Array,
  declared: string,
  allowed: ReadonlySet<string>,
): Promise<TypeCheck> {
  let detected: string | null = null;
  try {
    const result = await fileTypeFromBuffer(head);
    detected = result ? normaliseMime(result.mime) : null;
  } catch {
    detected = null;
  }
  if (detected === null || !allowed.has(detected)) return { ok: false, code: 'file_type_refused', detected };
  const claim = normaliseMime(declared);
  if (!isNoClaim(claim) && claim !== detected) return { ok: false, code: 'file_type_mismatch', detected };
  return { ok: true, mime: detected };
}
