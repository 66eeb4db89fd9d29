// The recipient's check of a private file sealed end to end, which the room cannot make: its type
// by content (the room's own rule, worker/protocol/file-type-check.ts with `file-type`, loaded on
// first use so it stays out of the first-load bundle) against the allowed types and the type the
// sender sealed into the offer. A refusal carries the room's own message for the same refusal.

import type { Bytes } from '#crypto/base64';
import { ERROR_MESSAGES } from '#protocol/errors';
import { DEFAULT_ALLOWED_FILE_TYPES } from '#protocol/limits';
import type { TransferFailure } from './upload';

export type ContentVerdict = { ok: true; mime: string } | { ok: false; failure: TransferFailure };

/** Checks the first bytes of a decrypted file (its first chunk). Never throws. */
export async function checkContent(
  head: Bytes,
  claimed: string,
  allowed: readonly string[] = DEFAULT_ALLOWED_FILE_TYPES,
): Promise<ContentVerdict> {
  try {
    const { checkFileType, normaliseMime } = await import('#protocol/file-type-check');
    const verdict = await checkFileType(head, claimed, new Set(allowed.map(normaliseMime)));
    if (verdict.ok) return verdict;
    return { ok: false, failure: { code: verdict.code, message: ERROR_MESSAGES[verdict.code] } };
  } catch {
    // The checker could not load (offline after an update): refuse rather than pass unchecked.
    return { ok: false, failure: { code: 'file_type_refused', message: ERROR_MESSAGES.file_type_refused } };
  }
}
