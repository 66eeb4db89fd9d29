// Checks a chat message's text: not blank, at most MAX_MESSAGE_CHARS code points.

import type { ErrorCode } from './errors';
import { MAX_MESSAGE_CHARS } from './limits';

/** White space and invisible format characters (zero-width spaces and joiners, BOM). */
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/u;

export function messageTextProblem(text: string): ErrorCode | null {
  if (BLANK.test(text)) return 'message_empty';
  // Cheap bound first: a string of n UTF-16 units has at most n code points.
  if (text.length > MAX_MESSAGE_CHARS && countCodePoints(text) > MAX_MESSAGE_CHARS) return 'message_too_long';
  return null;
}

export function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
