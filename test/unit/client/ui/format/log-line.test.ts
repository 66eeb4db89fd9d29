// Unit tests for client/ui/format/log-line.ts: a row's parts, and a message split into the lines
// that the log and the TXT export mark as continuations.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_BREAK, lineParts, lineText, messageLines } from '../../../../../client/ui/format/log-line';

const AT = new Date(2026, 0, 2, 14, 23, 15).getTime();

describe('lineParts', () => {
  it('names the sender, or sender and recipient, for the UI to isolate one by one', () => {
    const pub = lineParts({ kind: 'public', at: AT, from: 'alice', text: 'hi' }, false);
    expect(pub.names).toEqual(['alice']);
    expect(lineText(pub)).toBe('(Global) (alice) (14:23:15): hi');
    const dm = lineParts({ kind: 'private', at: AT, from: 'alice', to: 'bob', text: 'hi' }, false);
    expect(dm.names).toEqual(['alice', 'bob']);
    expect(dm.who).toBe('(alice → bob)');
    expect(lineParts({ kind: 'system', at: AT, text: 'bob joined' }, false).names).toEqual([]);
  });
});

describe('messageLines', () => {
  it('keeps a one-line message whole', () => {
    expect(messageLines('hello there')).toEqual([{ text: 'hello there', brk: '' }]);
  });

  it('splits at LF, CR LF and every other line break, keeping each break', () => {
    expect(messageLines('a\nb\r\nc\rd\u2028e')).toEqual([
      { text: 'a', brk: '' },
      { text: 'b', brk: '\n' },
      { text: 'c', brk: '\r\n' },
      { text: 'd', brk: '\r' },
      { text: 'e', brk: '\u2028' },
    ]);
  });

  it('keeps empty lines, at the start, the end and in between', () => {
    expect(messageLines('\nx\n\n').map((l) => l.text)).toEqual(['', 'x', '', '']);
  });

  it('gives back the text exactly when the breaks and lines are joined, and no line holds a break', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', ' ', '\n', '\r', '\u2028', '\u0085', '(', 'é'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, (t) => {
        const lines = messageLines(t);
        expect(lines.map((l) => l.brk + l.text).join('')).toBe(t);
        expect(lines[0]?.brk).toBe('');
        for (const line of lines) expect(line.text).not.toMatch(LINE_BREAK);
      }),
    );
  });
});
