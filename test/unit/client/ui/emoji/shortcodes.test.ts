// Unit tests for client/ui/emoji/shortcodes.ts: finding the `:query` at the caret, suggestions,
// and turning complete shortcodes into emoji, on a small table and on the real generated one.

import { describe, expect, it } from 'vitest';
import {
  acceptSuggestion,
  completeAllShortcodes,
  completeShortcodeAt,
  convertShortcodes,
  createShortcodeTable,
  shortcodeQueryAt,
  suggestShortcodes,
} from '../../../../../client/ui/emoji/shortcodes';
import { readEmojiData, shortcodePairs } from '../../../../../scripts/emoji-shortcode-table';
import { must } from '../../../../support/must';

const table = createShortcodeTable([
  ['smile', '😄'],
  ['smiley', '😃'],
  ['heart', '❤️'],
  ['broken_heart', '💔'],
  ['heart_eyes', '😍'],
  ['fire', '🔥'],
  ['fire_engine', '🚒'],
  ['fish', '🐟'],
  ['+1', '👍'],
  ['thumbsup', '👍'],
  ['tada', '🎉'],
]);

/** `text` with a `|` marking the caret, split into the text and the caret index. */
function at(marked: string): [string, number] {
  const caret = marked.indexOf('|');
  return [marked.replace('|', ''), caret];
}

describe('shortcodeQueryAt', () => {
  it('finds a colon and at least two shortcode characters just before the caret', () => {
    expect(shortcodeQueryAt(...at(':fi|'))).toEqual({ start: 0, end: 3, query: 'fi' });
    expect(shortcodeQueryAt(...at('so :Fir| now'))).toEqual({ start: 3, end: 7, query: 'fir' });
    expect(shortcodeQueryAt(...at('ok :+1|'))).toEqual({ start: 3, end: 6, query: '+1' });
    expect(shortcodeQueryAt(...at('😀:ta|'))).toEqual({ start: 2, end: 5, query: 'ta' });
  });

  it('needs two characters, and nothing but shortcode characters after the colon', () => {
    expect(shortcodeQueryAt(...at(':f|'))).toBeNull();
    expect(shortcodeQueryAt(...at(':|'))).toBeNull();
    expect(shortcodeQueryAt(...at(': fi|'))).toBeNull();
    expect(shortcodeQueryAt(...at('fi|'))).toBeNull();
  });

  it('ignores colons after letters, digits, underscores or colons: times, links, ratios', () => {
    expect(shortcodeQueryAt(...at('at 12:30|'))).toBeNull();
    expect(shortcodeQueryAt(...at('http://ex|'))).toBeNull();
    expect(shortcodeQueryAt(...at('word:fi|'))).toBeNull();
    expect(shortcodeQueryAt(...at('::fi|'))).toBeNull();
  });

  it('copes with a caret past the end of the text', () => {
    expect(shortcodeQueryAt(':fi', 99)).toEqual({ start: 0, end: 3, query: 'fi' });
    expect(shortcodeQueryAt('', 5)).toBeNull();
  });
});

describe('suggestShortcodes', () => {
  it('lists prefix matches shortest first, then matches of a later word', () => {
    expect(suggestShortcodes(table, 'hear').map(([code]) => code)).toEqual([
      'heart',
      'heart_eyes',
      'broken_heart',
    ]);
    expect(suggestShortcodes(table, 'fi').map(([code]) => code)).toEqual(['fire', 'fish', 'fire_engine']);
  });

  it('keeps the table order between codes of the same length, ignores case, and stops at the limit', () => {
    expect(suggestShortcodes(table, 'SMI').map(([code]) => code)).toEqual(['smile', 'smiley']);
    expect(suggestShortcodes(table, 'fi', 2)).toHaveLength(2);
    expect(suggestShortcodes(table, 'zz')).toEqual([]);
    expect(suggestShortcodes(table, '')).toEqual([]);
  });
});

describe('completeShortcodeAt', () => {
  it('turns a complete, known shortcode just typed into its emoji, caret after it', () => {
    expect(completeShortcodeAt(table, ...at('so :fire:| now'))).toEqual({ text: 'so 🔥 now', caret: 5 });
    expect(completeShortcodeAt(table, ...at(':+1:|'))).toEqual({ text: '👍', caret: 2 });
    expect(completeShortcodeAt(table, ...at(':THUMBSUP:|'))).toEqual({ text: '👍', caret: 2 });
  });

  it('leaves unknown codes, codes glued to a word, and text without a closing colon alone', () => {
    expect(completeShortcodeAt(table, ...at(':nope:|'))).toBeNull();
    expect(completeShortcodeAt(table, ...at('x:fire:|'))).toBeNull();
    expect(completeShortcodeAt(table, ...at('12:30:fire:|'))).toBeNull();
    expect(completeShortcodeAt(table, ...at(':fire|'))).toBeNull();
    expect(completeShortcodeAt(table, ...at('::|'))).toBeNull();
  });
});

describe('completeAllShortcodes', () => {
  it('converts every complete shortcode typed while the table loaded, moving the caret with the text', () => {
    expect(completeAllShortcodes(table, ...at(':fire: and :tada: x|'))).toEqual({
      text: '🔥 and 🎉 x',
      caret: 11,
    });
    expect(completeAllShortcodes(table, ...at(':fire: |and :tada:'))).toEqual({
      text: '🔥 and 🎉',
      caret: 3,
    });
    expect(completeAllShortcodes(table, ...at(':fi|re:'))).toEqual({ text: '🔥', caret: 2 });
  });

  it('skips times, links, unknown codes and codes glued to words, and says when nothing changed', () => {
    expect(completeAllShortcodes(table, ...at('12:30:fire: http://x:fire: :nope: :fire:|'))).toEqual({
      text: '12:30:fire: http://x:fire: :nope: 🔥',
      caret: 36,
    });
    expect(completeAllShortcodes(table, ...at('no codes here|'))).toBeNull();
  });
});

describe('acceptSuggestion', () => {
  it('replaces the query being typed and keeps the text after the caret', () => {
    const [text, caret] = at('so :fi| then');
    const query = must(shortcodeQueryAt(text, caret));
    expect(acceptSuggestion(text, query, '🔥')).toEqual({ text: 'so 🔥 then', caret: 5 });
  });
});

describe('the generated GitHub shortcode table', () => {
  const real = createShortcodeTable(shortcodePairs(readEmojiData()));

  it.each([
    ['smile', '😄'],
    ['heart', '❤️'],
    ['thumbsup', '👍️'],
    ['+1', '👍️'],
    ['fire', '🔥'],
    ['tada', '🎉'],
  ])('knows :%s: as %s', (code, emoji) => {
    expect(completeShortcodeAt(real, `:${code}:`, code.length + 2)?.text).toBe(emoji);
  });

  it('has about the full GitHub set, each code once, in lower case', () => {
    const codes = real.pairs.map(([code]) => code);
    expect(codes.length).toBeGreaterThan(1500);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => code === code.toLowerCase() && /^[a-z0-9_+-]+$/.test(code))).toBe(true);
  });

  it('suggests :fire: first for :fir', () => {
    expect(suggestShortcodes(real, 'fir')[0]).toEqual(['fire', '🔥']);
  });
});

describe('convertShortcodes (on send)', () => {
  it('converts every complete known shortcode, wherever it is in the text', () => {
    expect(convertShortcodes(table, 'hot take :fire: and :tada:\n:+1: :nope:')).toBe(
      'hot take 🔥 and 🎉\n👍 :nope:',
    );
  });

  it('leaves times, URLs and unknown codes alone', () => {
    expect(convertShortcodes(table, '12:30:fire: http://x:fire:')).toBe('12:30:fire: http://x:fire:');
  });

  it('leaves shortcodes inside code spans and fenced code blocks as typed', () => {
    expect(convertShortcodes(table, ':fire: `:fire:` ``a `:fire:` b`` :tada:')).toBe(
      '🔥 `:fire:` ``a `:fire:` b`` 🎉',
    );
    expect(convertShortcodes(table, ':fire:\n```\n:fire:\n```\n:fire:')).toBe('🔥\n```\n:fire:\n```\n🔥');
    expect(convertShortcodes(table, '> ~~~\n> :tada:\n> ~~~\n:tada:')).toBe('> ~~~\n> :tada:\n> ~~~\n🎉');
  });

  it('converts beside a backtick that opens no code span', () => {
    expect(convertShortcodes(table, 'a ` :fire:')).toBe('a ` 🔥');
    expect(convertShortcodes(table, '\\`:fire:` x')).toBe('\\`🔥` x');
  });

  it('keeps the text when nothing converts', () => {
    expect(convertShortcodes(table, 'no codes here')).toBe('no codes here');
  });
});

describe('completeAllShortcodes when the table arrives', () => {
  it('leaves shortcodes inside code as typed', () => {
    expect(completeAllShortcodes(table, ...at('`:fire:` :fire:|'))).toEqual({
      text: '`:fire:` 🔥',
      caret: 11,
    });
  });
});
