// Unit tests for client/ui/format/bidi.ts: a line's own bidi controls are balanced (nothing closes
// a scope the line did not open, everything it opens is closed), or stripped for plain text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceBidi, stripBidiScopes } from '../../../../../client/ui/format/bidi';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

/** Whether every scope in `text` is closed, and every closer closes one (UAX #9 X6a, X7). */
function balanced(text: string): boolean {
  const open: string[] = [];
  for (const c of text) {
    if ([LRE, RLE, LRO, RLO].includes(c)) open.push('E');
    else if ([LRI, RLI, FSI].includes(c)) open.push('I');
    else if (c === PDF && open.pop() !== 'E') return false;
    else if (c === PDI) {
      const isolate = open.lastIndexOf('I');
      if (isolate < 0) return false;
      open.length = isolate;
    }
  }
  return open.length === 0;
}

describe('balanceBidi', () => {
  it('leaves text without scoped controls as it is, marks included', () => {
    expect(balanceBidi('hello שלום 123')).toBe('hello שלום 123');
    expect(balanceBidi('a\u200Fb\u200Ec')).toBe('a\u200Fb\u200Ec');
  });

  it('closes an override the text leaves open', () => {
    expect(balanceBidi(`${RLO}evil`)).toBe(`${RLO}evil${PDF}`);
    expect(balanceBidi(`${RLI}${RLO}x`)).toBe(`${RLI}${RLO}x${PDF}${PDI}`);
  });

  it('drops a PDI or PDF that closes nothing of the text, so it cannot close the page’s isolate', () => {
    expect(balanceBidi(`${PDI}${RLO}worse${PDI} one`)).toBe(`${RLO}worse one${PDF}`);
    expect(balanceBidi(`a${PDF}b`)).toBe('ab');
    // A PDF never closes an isolate (UAX #9 X7).
    expect(balanceBidi(`${RLI}a${PDF}b${PDI}`)).toBe(`${RLI}ab${PDI}`);
  });

  it('keeps balanced controls, and a PDI closes the embeddings inside its isolate (UAX #9 X6a)', () => {
    expect(balanceBidi(`${LRE}a${PDF} ${FSI}b${PDI}`)).toBe(`${LRE}a${PDF} ${FSI}b${PDI}`);
    expect(balanceBidi(`${RLI}${RLO}a${PDI}b`)).toBe(`${RLI}${RLO}a${PDI}b`);
  });

  it('always returns balanced text that keeps every character other than a scoped control', () => {
    const unit = fc.constantFrom(LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, 'a', 'א', '1', ' ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (text) => {
        const out = balanceBidi(text);
        expect(stripBidiScopes(out)).toBe(stripBidiScopes(text));
        expect(balanced(out)).toBe(true);
        expect(balanceBidi(out)).toBe(out);
      }),
    );
  });
});

describe('stripBidiScopes', () => {
  it('removes embeddings, overrides and isolates, and keeps the marks LRM, RLM and ALM', () => {
    expect(stripBidiScopes(`a${RLO}b${PDI}c${LRI}d\u200E\u200F\u061C`)).toBe('abcd\u200E\u200F\u061C');
  });
});
