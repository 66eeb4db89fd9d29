// What a reply's quote says about the message it answers: the author and the first line (trimmed
// to a short preview), "message deleted" for a tombstone, or a placeholder while the original is
// not loaded. Pure; reply-quote.tsx and the composer's reply banner use it.
// Tested in test/unit/client/ui/format/reply-snippet.test.ts.

import type { LogLine } from '../state/log-lines';
import { messageLines } from './log-line';

export const SNIPPET_CHARS = 80;
export const DELETED_TEXT = 'message deleted';
export const NOT_LOADED_TEXT = 'an earlier message';

export interface ReplySnippet {
  /** The original's author; null while it is not loaded. */
  who: string | null;
  text: string;
}

export function replySnippet(original: LogLine | undefined): ReplySnippet {
  if (!original) return { who: null, text: NOT_LOADED_TEXT };
  const who = original.from ?? null;
  if (original.deleted) return { who, text: DELETED_TEXT };
  const first = messageLines(original.text)[0]?.text.trim() ?? '';
  const chars = [...first];
  const text = chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS - 1).join('')}…` : first;
  return { who, text };
}
