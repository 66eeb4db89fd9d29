// Unit tests for client/core/secure-channel.ts nextInSequence: the room's frames come without gaps,
// and a new wake epoch starts at zero.

import { describe, expect, it } from 'vitest';
import { nextInSequence } from '../../../../client/core/secure-channel';

describe('nextInSequence', () => {
  it('accepts the next frame of the epoch, and a higher epoch starting at zero', () => {
    expect(nextInSequence(null, { hi: 3, lo: 0 })).toBe(true);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 3, lo: 5 })).toBe(true);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 4, lo: 0 })).toBe(true);
  });

  it('refuses a gap, a repeat, a new epoch that does not start at zero, and an older epoch', () => {
    expect(nextInSequence(null, { hi: 3, lo: 1 })).toBe(false);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 3, lo: 6 })).toBe(false);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 3, lo: 4 })).toBe(false);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 4, lo: 1 })).toBe(false);
    expect(nextInSequence({ hi: 3, lo: 4 }, { hi: 2, lo: 0 })).toBe(false);
  });
});
