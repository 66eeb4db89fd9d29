// Unit tests for client/ui/format/avatar.ts: initials from a username and a colour that depends
// only on the name (its AA contrast is checked in test/unit/client/theme-contrast.test.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour, initials } from '../../../../../client/ui/format/avatar';

describe('initials', () => {
  it('takes the first letters of up to two words of the name', () => {
    expect(initials('carol')).toBe('C');
    expect(initials('bob_smith')).toBe('BS');
    expect(initials('AliceSmith')).toBe('AS');
    expect(initials('a_b_c')).toBe('AB');
    expect(initials('_x')).toBe('X');
  });
});

describe('avatarColour', () => {
  it('gives one name the same colour every time, whatever its case', () => {
    expect(avatarColour('Alice')).toBe(avatarColour('alice'));
  });

  it('always picks one of the defined colours, and spreads names over them', () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(fc.stringMatching(/^\w{1,15}$/), (name) => {
        const colour = avatarColour(name);
        expect(Number.isInteger(colour) && colour >= 0 && colour < AVATAR_COLOURS).toBe(true);
        seen.add(colour);
      }),
    );
    expect(seen.size).toBe(AVATAR_COLOURS);
  });
});
