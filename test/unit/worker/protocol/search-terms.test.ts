// Unit tests for worker/protocol/search-terms.ts: what a person types into the search box becomes
// quoted FTS5 prefix terms, so no FTS5 syntax in the input ever reaches the MATCH expression.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ftsMatch, searchTerms } from '#protocol/search-terms';

/** Quoted prefix terms separated by single spaces, and nothing else. */
const SAFE_MATCH = /^("[^"]+"\* ?)+$/;

describe('searchTerms', () => {
  it('splits a query into its words, dropping spaces and punctuation', () => {
    expect(searchTerms('  hello,   world!  ')).toEqual(['hello', 'world']);
    expect(searchTerms('release-2026 v1.5')).toEqual(['release', '2026', 'v1', '5']);
  });

  it('keeps letters from any script, with their accents and marks', () => {
    expect(searchTerms('café 日本 naïve')).toEqual(['café', '日本', 'naïve']);
    expect(searchTerms('Привет мир')).toEqual(['Привет', 'мир']);
    expect(searchTerms('cafe\u0301'), 'a decomposed accent stays with its letter').toEqual(['café']);
  });

  it('reads full-width letters as the ordinary ones', () => {
    expect(searchTerms('Ｈｅｌｌｏ')).toEqual(['Hello']);
  });

  it('counts at most 8 words and ignores the rest', () => {
    const words = Array.from({ length: 12 }, (_, i) => `w${i}`);
    expect(searchTerms(words.join(' '))).toEqual(words.slice(0, 8));
  });

  it('finds no words in an empty or punctuation-only query', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('  "*-():^ ')).toEqual([]);
  });
});

describe('ftsMatch', () => {
  it('turns every word into a quoted prefix term', () => {
    expect(ftsMatch('hello')).toBe('"hello"*');
    expect(ftsMatch('hello world')).toBe('"hello"* "world"*');
  });

  it('gives null when the query has no words, so the room can refuse the search', () => {
    expect(ftsMatch('')).toBeNull();
    expect(ftsMatch('   ')).toBeNull();
    expect(ftsMatch('"" * - () :')).toBeNull();
  });

  it('quotes FTS5 operators and keywords as plain words', () => {
    expect(ftsMatch('cats AND dogs')).toBe('"cats"* "AND"* "dogs"*');
    expect(ftsMatch('cats OR NOT dogs')).toBe('"cats"* "OR"* "NOT"* "dogs"*');
    expect(ftsMatch('NEAR(cats dogs, 3)')).toBe('"NEAR"* "cats"* "dogs"* "3"*');
  });

  it('never passes quotes, column filters, stars, minus signs or parentheses through', () => {
    expect(ftsMatch('"unbalanced')).toBe('"unbalanced"*');
    expect(ftsMatch('say "hi" ""')).toBe('"say"* "hi"*');
    expect(ftsMatch('text:secret')).toBe('"text"* "secret"*');
    expect(ftsMatch('{text from}: x')).toBe('"text"* "from"* "x"*');
    expect(ftsMatch('pre* -excluded ^start (a OR b)')).toBe('"pre"* "excluded"* "start"* "a"* "OR"* "b"*');
  });

  it('uses at most 8 terms', () => {
    const match = ftsMatch('a b c d e f g h i j k');
    expect(match).toBe('"a"* "b"* "c"* "d"* "e"* "f"* "g"* "h"*');
  });

  it('keeps Unicode letters inside the quotes', () => {
    expect(ftsMatch('café 日本')).toBe('"café"* "日本"*');
  });

  it('gives null or only quoted prefix terms for any input whatsoever', () => {
    const syntaxy = fc.constantFrom(
      '"',
      '*',
      '-',
      '(',
      ')',
      ':',
      '^',
      '{',
      '}',
      '+',
      ' ',
      'NEAR',
      'AND',
      'OR',
    );
    const query = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
      fc.array(fc.oneof(syntaxy, fc.string({ maxLength: 4 })), { maxLength: 20 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(query, (q) => {
        const match = ftsMatch(q);
        if (match === null) return searchTerms(q).length === 0;
        const terms = match.split(' ');
        return (
          SAFE_MATCH.test(match) &&
          terms.length <= 8 &&
          terms.every((t) => /^"[\p{L}\p{N}\p{M}]+"\*$/u.test(t))
        );
      }),
    );
  });
});
