// Checks a chat message's text: not blank, at most MAX_MESSAGE_CHARS code points.

import type { ErrorCode } from './errors';
import { MAX_MESSAGE_CHARS } from './limits';

export function messageTextProblem(text: string): ErrorCode | null {
  if (text.trim().length === 0) return 'message_empty';
  // Cheap bound first: a string of n UTF-16 units has at most n code points.
  if (text.length > MAX_MESSAGE_CHARS && countCodePoints(text) > MAX_MESSAGE_CHARS) return 'message_too_long';
  return null;
}

export function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
