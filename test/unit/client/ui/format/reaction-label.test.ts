// Unit tests for client/ui/format/reaction-label.ts: a reaction chip's accessible name lists who
// reacted in the room's order and counts the people the summary does not name.

import { describe, expect, it } from 'vitest';
import { reactedByMe, reactionLabel, reactorList } from '../../../../../client/ui/format/reaction-label';

describe('reaction chip names', () => {
  it('reads "🔥 2, reacted by alice and bob"', () => {
    expect(reactionLabel({ emoji: '🔥', count: 2, names: ['alice', 'bob'] })).toBe(
      '🔥 2, reacted by alice and bob',
    );
  });

  it('joins three names with commas and "and"', () => {
    expect(reactorList(['alice', 'bob', 'carol'], 3)).toBe('alice, bob and carol');
  });

  it('says how many others reacted when the count is more than the names listed', () => {
    expect(reactorList(['alice', 'bob'], 5)).toBe('alice, bob and 3 others');
    expect(reactorList(['alice'], 2)).toBe('alice and 1 other');
  });

  it('tells whether we reacted, whatever the case of our name', () => {
    const isMe = (name: string) => name.toLowerCase() === 'bob';
    expect(reactedByMe({ emoji: '👍', count: 2, names: ['alice', 'Bob'] }, isMe)).toBe(true);
    expect(reactedByMe({ emoji: '👍', count: 1, names: ['alice'] }, isMe)).toBe(false);
  });
});
