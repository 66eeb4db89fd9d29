// Unit tests for worker/protocol/mentions.ts: which `@name`s a text mentions, word-bounded and
// case-insensitive, and `@everyone`, shared by the room (who may send it) and the client (who rings).

import { describe, expect, it } from 'vitest';
import { findMentions, mentionsEveryone, mentionsName } from '#protocol/mentions';
import { usernameProblem } from '#protocol/username';

describe('findMentions', () => {
  it('finds each @name with where it is, at the start, after spaces and punctuation', () => {
    expect(findMentions('@bob hi (@Carol), @dave_2!')).toEqual([
      { name: 'bob', start: 0, end: 4 },
      { name: 'Carol', start: 9, end: 15 },
      { name: 'dave_2', start: 18, end: 25 },
    ]);
  });

  it('ignores an @ inside a word, a doubled @, a bare @ and a run longer than any name', () => {
    expect(findMentions('mail bob@example.com, @@bob, @ alone, @abcdefghijklmnopq')).toEqual([]);
  });
});

describe('mentionsName', () => {
  it('matches the whole name in any case, not a longer name that starts with it', () => {
    expect(mentionsName('thanks @BOB.', 'bob')).toBe(true);
    expect(mentionsName('thanks @bobby', 'bob')).toBe(false);
    expect(mentionsName('thanks bob', 'bob')).toBe(false);
  });

  it('counts @everyone only when asked to', () => {
    expect(mentionsName('@everyone, lunch', 'bob')).toBe(false);
    expect(mentionsName('@everyone, lunch', 'bob', true)).toBe(true);
  });
});

describe('mentionsEveryone', () => {
  it('finds @everyone in any case, not as part of a longer word', () => {
    expect(mentionsEveryone('hey @Everyone')).toBe(true);
    expect(mentionsEveryone('hey @everyones')).toBe(false);
    expect(mentionsEveryone('hey everyone')).toBe(false);
  });

  it('cannot be anybody’s name', () => {
    expect(usernameProblem('everyone')).toBe('name_reserved');
    expect(usernameProblem('EveryOne')).toBe('name_reserved');
  });
});
