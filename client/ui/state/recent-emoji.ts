// The quick reaction bar's emoji: the 6 this person uses most (counted in localStorage), topped up
// with sensible defaults. Pure counting plus a small model over storage; the reaction bar reads it.
// Tested in test/unit/client/ui/state/recent-emoji.test.ts.

import { isEmoji } from '#protocol/message-events';
import type { SimpleStorage } from './safe-storage';

export const QUICK_COUNT = 6;
export const DEFAULT_QUICK = ['👍', '❤️', '😂', '🎉', '😮', '🔥'] as const;
/** Emoji remembered at most; the least used go first. */
const MAX_REMEMBERED = 40;
const KEY = 'chatspace:emoji-use';

export type EmojiUse = Record<string, number>;

/** Reads the stored counts, dropping anything that is not an emoji with a positive count. */
export function parseEmojiUse(raw: string | null): EmojiUse {
  if (raw === null) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: EmojiUse = {};
    for (const [emoji, count] of Object.entries(parsed))
      if (isEmoji(emoji) && typeof count === 'number' && Number.isFinite(count) && count > 0)
        out[emoji] = count;
    return out;
  } catch {
    return {};
  }
}

/** The counts with one more use of `emoji`, bounded to the most used MAX_REMEMBERED. */
export function countUse(use: EmojiUse, emoji: string): EmojiUse {
  const next = { ...use, [emoji]: (use[emoji] ?? 0) + 1 };
  const kept = Object.entries(next)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_REMEMBERED);
  return Object.fromEntries(kept);
}

/** The most used first (ties: the defaults' order, then by emoji), filled up with the defaults. */
export function quickEmoji(use: EmojiUse, count = QUICK_COUNT): string[] {
  const rank = (emoji: string) => {
    const i = (DEFAULT_QUICK as readonly string[]).indexOf(emoji);
    return i < 0 ? DEFAULT_QUICK.length : i;
  };
  const used = Object.entries(use)
    .sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
    .map(([emoji]) => emoji);
  const out = used.slice(0, count);
  for (const emoji of DEFAULT_QUICK) if (out.length < count && !out.includes(emoji)) out.push(emoji);
  return out;
}

export interface RecentEmoji {
  /** The quick bar's emoji now. */
  quick(): string[];
  /** One more use of `emoji` (a reaction sent). */
  used(emoji: string): void;
}

export function createRecentEmoji(storage: SimpleStorage): RecentEmoji {
  return {
    quick: () => quickEmoji(parseEmojiUse(storage.getItem(KEY))),
    used(emoji) {
      storage.setItem(KEY, JSON.stringify(countUse(parseEmojiUse(storage.getItem(KEY)), emoji)));
    },
  };
}
