// Unit tests for client/ui/mentions/mention-query.ts: the `@name` being typed at the caret, the
// online names offered for it (never our own; @everyone for the admin) and the text once one is chosen.

import { describe, expect, it } from 'vitest';
import {
  acceptMention,
  MAX_MENTION_SUGGESTIONS,
  mentionQueryAt,
  suggestMentions,
} from '../../../../../client/ui/mentions/mention-query';

const roster = { names: ['alice', 'Bob', 'bobby', 'carol', 'Rob'], me: 'alice', everyone: false };

describe('mentionQueryAt', () => {
  it('finds the @name that ends at the caret, a bare @ included', () => {
    expect(mentionQueryAt('hi @bo', 6)).toEqual({ start: 3, end: 6, query: 'bo' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(mentionQueryAt('(@car) later', 5)).toEqual({ start: 1, end: 5, query: 'car' });
  });

  it('finds nothing in an address, after a space, or past a name’s length', () => {
    expect(mentionQueryAt('bob@exa', 7)).toBeNull();
    expect(mentionQueryAt('@bob ', 5)).toBeNull();
    expect(mentionQueryAt('@@bob', 5)).toBeNull();
    expect(mentionQueryAt(`@${'x'.repeat(20)}`, 21)).toBeNull();
  });
});

describe('suggestMentions', () => {
  it('offers names that start with the query first, ignoring case, then names containing it, never ours', () => {
    expect(suggestMentions('bo', roster)).toEqual(['Bob', 'bobby']);
    expect(suggestMentions('ob', roster)).toEqual(['Bob', 'bobby', 'Rob']);
    expect(suggestMentions('', roster)).toEqual(['Bob', 'bobby', 'carol', 'Rob']);
    expect(suggestMentions('al', roster)).toEqual([]);
  });

  it('offers @everyone to the room admin only', () => {
    expect(suggestMentions('ev', roster)).toEqual([]);
    expect(suggestMentions('ev', { ...roster, everyone: true })).toEqual(['everyone']);
    expect(suggestMentions('', { ...roster, everyone: true }).at(-1)).toBe('everyone');
  });

  it(`offers at most ${MAX_MENTION_SUGGESTIONS} names`, () => {
    const names = Array.from({ length: 20 }, (_, i) => `user${i}`);
    expect(suggestMentions('user', { names, me: null, everyone: false })).toHaveLength(
      MAX_MENTION_SUGGESTIONS,
    );
  });
});

describe('acceptMention', () => {
  it('replaces the typed @query with @name and a space, caret after it', () => {
    const text = 'hi @bo';
    const at = mentionQueryAt(text, 6);
    expect(at && acceptMention(text, at, 'Bob')).toEqual({ text: 'hi @Bob ', caret: 8 });
  });

  it('adds no second space before one that is there, and keeps the rest of the text', () => {
    const text = 'hi @bo there';
    const at = mentionQueryAt(text, 6);
    expect(at && acceptMention(text, at, 'Bob')).toEqual({ text: 'hi @Bob there', caret: 8 });
  });
});
