// Unit tests for worker/protocol/message-text.ts: a message must not be blank and has at most
// 4,000 characters, counted as Unicode code points so an emoji counts as one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '#protocol/limits';
import { countCodePoints, messageTextProblem } from '#protocol/message-text';

const EMOJI = '😀';

describe('messageTextProblem', () => {
  it('accepts ordinary text', () => {
    expect(messageTextProblem('hello, world')).toBeNull();
    expect(messageTextProblem('  indented\nsecond line  ')).toBeNull();
    expect(messageTextProblem('<img src=x onerror=alert(1)>')).toBeNull();
  });

  it.each([
    ['the empty string', ''],
    ['spaces', '   '],
    ['tabs and newlines', '\t\n\r\n'],
    ['no-break and ideographic spaces', '\u00a0\u3000'],
    ['a byte-order mark', '\ufeff'],
  ])('refuses %s as message_empty', (_, text) => {
    expect(messageTextProblem(text)).toBe('message_empty');
  });

  it('sets the limit at 4,000 characters', () => {
    expect(MAX_MESSAGE_CHARS).toBe(4000);
    expect(messageTextProblem('a'.repeat(4000))).toBeNull();
    expect(messageTextProblem('a'.repeat(4001))).toBe('message_too_long');
  });

  it('counts an emoji as one character: 4,000 emoji pass, 4,001 do not', () => {
    expect(EMOJI.length).toBe(2);
    expect(messageTextProblem(EMOJI.repeat(4000))).toBeNull();
    expect(messageTextProblem(EMOJI.repeat(4001))).toBe('message_too_long');
  });

  it('counts a mix of ASCII and astral characters by code point', () => {
    expect(messageTextProblem(`${'a'.repeat(3999)}${EMOJI}`)).toBeNull();
    expect(messageTextProblem(`${'a'.repeat(3999)}${EMOJI}${EMOJI}`)).toBe('message_too_long');
  });

  it('accepts any non-blank text of up to 4,000 code points and refuses longer', () => {
    // Any code point except lone surrogates, which could pair up with a neighbour.
    const codePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .filter((p) => p < 0xd800 || p > 0xdfff)
      .map((p) => String.fromCodePoint(p));
    const codePoints = fc.array(codePoint, { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(codePoints, fc.integer({ min: 3980, max: 4020 }), (pieces, length) => {
        // Pad with a visible character so the text is never blank.
        const text = pieces.join('') + 'x'.repeat(Math.max(0, length - pieces.length));
        const n = Math.max(length, pieces.length);
        expect(messageTextProblem(text)).toBe(n > MAX_MESSAGE_CHARS ? 'message_too_long' : null);
      }),
    );
  });
});

describe('countCodePoints', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countCodePoints('')).toBe(0);
    expect(countCodePoints('abc')).toBe(3);
    expect(countCodePoints(EMOJI)).toBe(1);
    expect(countCodePoints(`a${EMOJI}b`)).toBe(3);
    expect(countCodePoints('\ud800')).toBe(1);
  });

  it('counts each code point of any string once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 50 }), (points) => {
        // Lone surrogates next to each other could pair up, so keep them out.
        fc.pre(points.every((p) => p < 0xd800 || p > 0xdfff));
        expect(countCodePoints(String.fromCodePoint(...points))).toBe(points.length);
      }),
    );
  });
});
