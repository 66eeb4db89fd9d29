// Builds the GitHub-style shortcode table that the composer's autocomplete loads lazily: one
// [shortcode, emoji] pair per shortcode, from emoji-picker-element-data's "github" flavour (the
// emojibase data with GitHub's shortcodes), in the picker's order. Used by scripts/emoji-plugins.ts.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The emojibase data set both the picker and the shortcodes come from. */
export const EMOJI_DATA_MODULE = 'emoji-picker-element-data/en/github/data.json';

interface EmojiRecord {
  emoji: string;
  order?: number;
  shortcodes?: string[];
}

function isEmojiRecord(value: unknown): value is EmojiRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.emoji === 'string' &&
    (record.shortcodes === undefined ||
      (Array.isArray(record.shortcodes) && record.shortcodes.every((s) => typeof s === 'string')))
  );
}

/** The data set's records, checked enough that a changed format fails the build loudly. */
export function readEmojiData(): EmojiRecord[] {
  const path = createRequire(import.meta.url).resolve(EMOJI_DATA_MODULE);
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(data) || data.length < 1000 || !data.every(isEmojiRecord)) {
    throw new Error(`${EMOJI_DATA_MODULE} is not the emoji list this build expects`);
  }
  return data;
}

/** Every shortcode with its emoji, lower case, in the picker's order; the first spelling wins. */
export function shortcodePairs(records: readonly EmojiRecord[]): [string, string][] {
  const ordered = [...records].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const record of ordered) {
    for (const code of record.shortcodes ?? []) {
      const key = code.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push([key, record.emoji]);
    }
  }
  return pairs;
}
