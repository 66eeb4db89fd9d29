// GitHub-style shortcodes (`:fire:` → 🔥) in the composer, as pure functions over a table of
// [shortcode, emoji] pairs: find the `:query` the caret is at, suggest matches for it, and turn a
// complete `:shortcode:` just typed into its emoji, and convert them all when a message is sent
// (not inside code). The composer and its autocomplete use these.

import { codeRanges } from '../markdown/code-ranges';
import { replaceRange, type TextEdit } from './text-edit';

export type ShortcodePair = readonly [code: string, emoji: string];

export interface ShortcodeTable {
  /** In the emoji picker's order (smileys first), which breaks ties between suggestions. */
  readonly pairs: readonly ShortcodePair[];
  readonly byCode: ReadonlyMap<string, string>;
}

export function createShortcodeTable(pairs: readonly ShortcodePair[]): ShortcodeTable {
  return { pairs, byCode: new Map(pairs.map(([code, emoji]) => [code.toLowerCase(), emoji])) };
}

/** Letters typed after the colon before suggestions open. */
export const MIN_QUERY_CHARS = 2;
/** Suggestions shown at most. */
export const MAX_SUGGESTIONS = 8;

/** Characters GitHub shortcodes use: `+1`, `-1`, `t-rex`, `thumbsup`, `flag_jp`. */
const CODE_CHAR = /[a-z0-9_+-]/i;
/**
 * A shortcode's opening colon must not follow a letter, digit, underscore or colon, so times
 * (`12:30`), URLs (`http://x`) and ratios never open suggestions or turn into emoji.
 */
const WORD_BEFORE = /[\p{L}\p{N}_:]/u;

export interface ShortcodeQuery {
  /** Index of the opening colon. */
  start: number;
  /** Index just after the query (the caret). */
  end: number;
  /** What was typed after the colon, lower case. */
  query: string;
}

/** The `:query` that ends at the caret, if the text there looks like a shortcode being typed. */
export function shortcodeQueryAt(
  text: string,
  at: number,
  minChars = MIN_QUERY_CHARS,
): ShortcodeQuery | null {
  const caret = Math.max(0, Math.min(at, text.length));
  let start = caret;
  while (start > 0 && CODE_CHAR.test(text.charAt(start - 1))) start--;
  const colon = start - 1;
  if (colon < 0 || text[colon] !== ':') return null;
  // One UTF-16 unit is enough: the second half of an emoji's surrogate pair matches nothing.
  if (colon > 0 && WORD_BEFORE.test(text.charAt(colon - 1))) return null;
  const query = text.slice(start, caret);
  if (query.length < minChars) return null;
  return { start: colon, end: caret, query: query.toLowerCase() };
}

/**
 * Shortcodes matching `query`: those that start with it (shortest first, then in the picker's
 * order), then those with a word inside that starts with it (`:heart` also finds `broken_heart`).
 */
export function suggestShortcodes(
  table: ShortcodeTable,
  query: string,
  limit = MAX_SUGGESTIONS,
): ShortcodePair[] {
  const q = query.toLowerCase();
  if (q.length === 0) return [];
  const prefix: ShortcodePair[] = [];
  const inner: ShortcodePair[] = [];
  for (const pair of table.pairs) {
    const code = pair[0];
    if (code.startsWith(q)) prefix.push(pair);
    else if (code.includes(`_${q}`) || code.includes(`-${q}`)) inner.push(pair);
  }
  // Array.prototype.sort is stable, so equal lengths keep the picker's order.
  prefix.sort((a, b) => a[0].length - b[0].length);
  return [...prefix, ...inner].slice(0, limit);
}

/** The emoji for `:code:`'s code, if it is a known shortcode. */
export function emojiFor(table: ShortcodeTable, code: string): string | undefined {
  return table.byCode.get(code.toLowerCase());
}

/**
 * When the text just before the caret is a complete, known `:shortcode:`, the text with that
 * shortcode replaced by its emoji; otherwise null.
 */
export function completeShortcodeAt(table: ShortcodeTable, text: string, caret: number): TextEdit | null {
  if (caret < 1 || text[caret - 1] !== ':') return null;
  const open = shortcodeQueryAt(text, caret - 1, 1);
  if (!open) return null;
  const emoji = emojiFor(table, open.query);
  if (emoji === undefined) return null;
  return replaceRange(text, open.start, caret, emoji);
}

const COMPLETE_SHORTCODE = /:([a-z0-9_+-]+):/gi;

/** Every complete, known `:shortcode:` in the text, outside code (codeRanges), in order. */
function* knownShortcodes(table: ShortcodeTable, text: string) {
  const code = codeRanges(text);
  for (const match of text.matchAll(COMPLETE_SHORTCODE)) {
    const start = match.index;
    const end = start + match[0].length;
    // A colon shared with a previous candidate follows a code character, so it fails here too.
    if (start > 0 && WORD_BEFORE.test(text.charAt(start - 1))) continue;
    if (code.some(([from, to]) => start < to && end > from)) continue;
    const emoji = emojiFor(table, match[1] ?? '');
    if (emoji !== undefined) yield { start, end, emoji };
  }
}

/**
 * Every complete, known `:shortcode:` in the text replaced by its emoji (the caret moves with the
 * text before it), or null if there is none. For shortcodes typed while the table was loading.
 * Code spans and code blocks are left as they are.
 */
export function completeAllShortcodes(table: ShortcodeTable, text: string, caret: number): TextEdit | null {
  let result = '';
  let copied = 0;
  let newCaret = caret;
  for (const { start, end, emoji } of knownShortcodes(table, text)) {
    result += text.slice(copied, start) + emoji;
    copied = end;
    if (caret >= end) newCaret -= end - start - emoji.length;
    else if (caret > start) newCaret = result.length;
  }
  if (copied === 0) return null;
  return { text: result + text.slice(copied), caret: newCaret };
}

/**
 * The message as it is sent: every complete, known `:shortcode:` converted, pasted ones included,
 * except inside code spans and code blocks.
 */
export function convertShortcodes(table: ShortcodeTable, text: string): string {
  return completeAllShortcodes(table, text, 0)?.text ?? text;
}

/** Whether `text` has something that may be a shortcode (the table is worth loading before sending). */
export const mayHaveShortcodes = (text: string): boolean => /:[a-z0-9_+-]+:/i.test(text);

/** Puts `emoji` in place of the `:query` being typed (a suggestion was picked). */
export function acceptSuggestion(text: string, at: ShortcodeQuery, emoji: string): TextEdit {
  return replaceRange(text, at.start, at.end, emoji);
}
