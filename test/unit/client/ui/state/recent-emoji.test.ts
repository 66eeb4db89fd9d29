// Unit tests for client/ui/state/recent-emoji.ts: the quick reaction bar offers the six emoji this
// person uses most, filled up with the defaults, from counts kept in (possibly garbled) storage.

import { describe, expect, it } from 'vitest';
import {
  countUse,
  createRecentEmoji,
  DEFAULT_QUICK,
  parseEmojiUse,
  quickEmoji,
} from '../../../../../client/ui/state/recent-emoji';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('the quick reaction emoji', () => {
  it('offers the defaults to someone who never reacted', () => {
    expect(quickEmoji({})).toEqual([...DEFAULT_QUICK]);
  });

  it('puts the most used first and fills up with defaults not already there', () => {
    expect(quickEmoji({ '🚀': 3, '👍': 1, '🙏': 2 })).toEqual(['🚀', '🙏', '👍', '❤️', '😂', '🎉']);
  });

  it('keeps six even when more emoji were used', () => {
    const use = Object.fromEntries(['😀', '😁', '😃', '😄', '😅', '😆', '😇'].map((e, i) => [e, 10 - i]));
    expect(quickEmoji(use)).toEqual(['😀', '😁', '😃', '😄', '😅', '😆']);
  });

  it('counts a use and remembers it across models on the same storage', () => {
    const storage = memoryStorage();
    const recent = createRecentEmoji(storage);
    recent.used('🚀');
    recent.used('🚀');
    expect(createRecentEmoji(storage).quick()[0]).toBe('🚀');
    expect(countUse({ '🚀': 2 }, '🚀')).toEqual({ '🚀': 3 });
  });

  it('ignores stored counts that are not JSON, not emoji or not positive numbers', () => {
    expect(parseEmojiUse('not json')).toEqual({});
    expect(parseEmojiUse('[1,2]')).toEqual({});
    expect(parseEmojiUse(JSON.stringify({ abc: 3, '🔥': -1, '🎉': 'x', '👍': 2 }))).toEqual({ '👍': 2 });
  });
});
