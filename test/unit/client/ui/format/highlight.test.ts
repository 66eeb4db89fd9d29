// Unit tests for client/ui/format/highlight.ts: search results mark the words that start with a
// search word, ignoring case, and never lose or change a character of the message.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight, type TextPart } from '../../../../../client/ui/format/highlight';

const marked = (parts: readonly TextPart[]) => parts.filter((p) => p.match).map((p) => p.text);
const joined = (parts: readonly TextPart[]) => parts.map((p) => p.text).join('');

describe('highlight', () => {
  it('marks the whole word that starts with a search word', () => {
    expect(highlight('the catalogue of cats', 'cat')).toEqual([
      { text: 'the ', match: false },
      { text: 'catalogue', match: true },
      { text: ' of ', match: false },
      { text: 'cats', match: true },
    ]);
  });

  it('marks only words that start with the search word, not words that contain it', () => {
    expect(marked(highlight('concat scatter cat', 'cat'))).toEqual(['cat']);
  });

  it('marks every search word', () => {
    expect(marked(highlight('Deploy the worker, then test the deploy', 'deploy test'))).toEqual([
      'Deploy',
      'test',
      'deploy',
    ]);
  });

  it('ignores case both ways, and keeps the message’s own spelling', () => {
    expect(marked(highlight('Hello HELLO hello', 'hELLo'))).toEqual(['Hello', 'HELLO', 'hello']);
    expect(marked(highlight('Éclair', 'éc'))).toEqual(['Éclair']);
  });

  it('marks words in any script', () => {
    expect(marked(highlight('ich mag Käsekuchen', 'käse'))).toEqual(['Käsekuchen']);
    expect(marked(highlight('東京 と 日本語', '日本'))).toEqual(['日本語']);
  });

  it('marks a word whatever its accents, as the room’s search finds it', () => {
    // The room's FTS5 table uses the default unicode61 tokenizer (remove_diacritics=1), so a search
    // for "cafe" finds "café" and the other way round; the result should show what matched.
    expect(marked(highlight('Un café, merci', 'cafe'))).toEqual(['café']);
    expect(marked(highlight('my resume is ready', 'résumé'))).toEqual(['resume']);
  });

  it('treats regular-expression characters in the query as text', () => {
    expect(highlight('a.b aXb', 'a.b')).toEqual([
      { text: 'a', match: true },
      { text: '.', match: false },
      { text: 'b', match: true },
      { text: ' ', match: false },
      { text: 'aXb', match: true },
    ]);
    expect(highlight('(x+y)*[z]', '(x+y)*[z] $ ^ | \\')).toEqual([
      { text: '(', match: false },
      { text: 'x', match: true },
      { text: '+', match: false },
      { text: 'y', match: true },
      { text: ')*[', match: false },
      { text: 'z', match: true },
      { text: ']', match: false },
    ]);
    expect(() => highlight('anything', '.* ( [ \\')).not.toThrow();
  });

  it('gives the text as one plain part when nothing matches', () => {
    expect(highlight('nothing to see', 'zebra')).toEqual([{ text: 'nothing to see', match: false }]);
  });

  it('gives the text as one plain part for a query without words', () => {
    expect(highlight('keep * me "as" is', ' * "" - ')).toEqual([{ text: 'keep * me "as" is', match: false }]);
    expect(highlight('text', '')).toEqual([{ text: 'text', match: false }]);
  });

  it('gives the original text back when the parts are put together', () => {
    const word = fc.constantFrom(
      'cat',
      'Cat',
      'CATS',
      'dog',
      'é',
      'ß',
      '日本',
      'a.b',
      '(x)',
      '*',
      '\\',
      '$1',
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc
        .array(fc.oneof(word, fc.constantFrom(' ', ', ', '-', '\n')), { maxLength: 12 })
        .map((w) => w.join('')),
    );
    const query = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.array(word, { maxLength: 3 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(text, query, (t, q) => {
        const parts = highlight(t, q);
        return (
          joined(parts) === t &&
          parts.every((p) => p.text.length > 0 || t === '') &&
          parts.every((p, i) => i === 0 || p.match || parts[i - 1]?.match)
        );
      }),
    );
  });

  it('marks only words that start with one of the search words', () => {
    const word = fc.constantFrom('cat', 'Cat', 'concat', 'dog', 'Dogma', 'hotdog', 'x');
    const text = fc.array(word, { maxLength: 10 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, fc.subarray(['cat', 'dog']), (t, terms) => {
        const parts = highlight(t, terms.join(' '));
        const words = t === '' ? [] : t.split(' ');
        const expected = words.filter((w) => terms.some((term) => w.toLowerCase().startsWith(term)));
        return joined(parts) === t && JSON.stringify(marked(parts)) === JSON.stringify(expected);
      }),
    );
  });
});
