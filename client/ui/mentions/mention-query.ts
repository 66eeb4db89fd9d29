// The composer's @mention autocomplete, pure: the `@name` being typed at the caret, the online
// names that match it (and `@everyone` for the room admin), and the text once one is chosen.
// use-mention-autocomplete.ts applies it. Tested in test/unit/client/ui/mentions/mention-query.test.ts.

import { USERNAME_MAX } from '#protocol/limits';
import { EVERYONE } from '#protocol/mentions';
import { replaceRange, type TextEdit } from '../emoji/text-edit';

/** Names offered at once. */
export const MAX_MENTION_SUGGESTIONS = 8;

export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** The caret: the typed part is [start + 1, end). */
  end: number;
  /** What follows the `@` so far (may be empty: a bare `@` offers everyone online). */
  query: string;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * The `@name` that ends at `caret`: an `@` at the start or after a character that is not part of a
 * name (so not in "bob@example.com"), then name characters only, no longer than a name.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  let start = caret;
  while (start > 0 && NAME_CHAR.test(text[start - 1] ?? '')) start--;
  const at = start - 1;
  if (at < 0 || text[at] !== '@') return null;
  const before = text[at - 1];
  if (before !== undefined && (NAME_CHAR.test(before) || before === '@')) return null;
  const query = text.slice(start, caret);
  if (query.length > Math.max(USERNAME_MAX, EVERYONE.length)) return null;
  return { start: at, end: caret, query };
}

export interface MentionCandidates {
  /** Who is online (the roster). */
  names: readonly string[];
  /** Our own name: never offered. */
  me: string | null;
  /** The room admin may mention everyone. */
  everyone: boolean;
}

/**
 * The names that start with `query` (ignoring case), in alphabetical order, then those that contain
 * it; `everyone` after them when offered and matching. At most `max`.
 */
export function suggestMentions(
  query: string,
  { names, me, everyone }: MentionCandidates,
  max = MAX_MENTION_SUGGESTIONS,
): string[] {
  const q = query.toLowerCase();
  const self = me?.toLowerCase();
  const others = names
    .filter((name) => name.toLowerCase() !== self)
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const starts = others.filter((name) => name.toLowerCase().startsWith(q));
  const contains =
    q === ''
      ? []
      : others.filter((name) => !name.toLowerCase().startsWith(q) && name.toLowerCase().includes(q));
  const all = [...starts, ...contains];
  if (everyone && EVERYONE.startsWith(q)) all.push(EVERYONE);
  return all.slice(0, max);
}

/** The text with the typed `@query` replaced by `@name ` (no second space if one follows). */
export function acceptMention(text: string, at: MentionQuery, name: string): TextEdit {
  const spaced = text[at.end] === ' ' ? '' : ' ';
  const edit = replaceRange(text, at.start, at.end, `@${name}${spaced}`);
  return spaced === '' ? { ...edit, caret: edit.caret + 1 } : edit;
}
