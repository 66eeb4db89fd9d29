// Unit tests for worker/protocol/username.ts: 2–15 letters, digits or underscore, each failure
// with its own code, and names that are the same without regard to case or look-alike
// characters (UTS #39 confusables within ASCII) share one key.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USERNAME_MAX, USERNAME_MIN } from '#protocol/limits';
import { nameKey, RESERVED_NAMES, usernameProblem } from '#protocol/username';

const validName = fc.stringMatching(/^[A-Za-z0-9_]{2,15}$/).filter((name) => usernameProblem(name) === null);
/** Names without any character that has a look-alike: their keys differ whenever their cases do. */
const plainName = fc
  .stringMatching(/^[A-HJKN-Za-hjkn-z2-9_]{2,15}$/)
  .filter((name) => !/[lLoOmMrRnN]/.test(name) && usernameProblem(name) === null);
/** The look-alikes of each character that has one, as UTS #39 and case together make them. */
const LOOK_ALIKES: Record<string, string[]> = {
  o: ['O', '0'],
  O: ['o', '0'],
  '0': ['o', 'O'],
  l: ['L', 'I', 'i', '1'],
  L: ['l', 'I', 'i', '1'],
  I: ['l', 'L', 'i', '1'],
  i: ['l', 'L', 'I', '1'],
  '1': ['l', 'L', 'I', 'i'],
  m: ['M', 'rn', 'RN', 'rN'],
  M: ['m', 'rn', 'Rn'],
};

describe('usernameProblem', () => {
  it.each(['al', 'Alice', 'bob_42', '__', '00', 'A'.repeat(15), 'snake_case_name'])('accepts %j', (name) => {
    expect(usernameProblem(name)).toBeNull();
  });

  it.each(['Lobby', 'lobby', 'SYSTEM', 'Global'])(
    'refuses %j as name_reserved, since the UI uses it',
    (name) => {
      expect(usernameProblem(name)).toBe('name_reserved');
    },
  );

  it.each(['Lobby', 'L0bby', 'SYSTEM', 'adrnin', 'AdMIn', 'r00m'])(
    'refuses %j as name_reserved, a reserved name or a look-alike of one',
    (name) => {
      expect(usernameProblem(name)).toBe('name_reserved');
    },
  );

  it('accepts every other name of 2–15 letters, digits and underscores', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{2,15}$/), (name) => {
        const reserved = [...RESERVED_NAMES].some((r) => nameKey(r) === nameKey(name));
        expect(usernameProblem(name)).toBe(reserved ? 'name_reserved' : null);
      }),
    );
  });

  it.each(['', 'a', '_'])('refuses %j as name_too_short', (name) => {
    expect(usernameProblem(name)).toBe('name_too_short');
  });

  it.each(['a'.repeat(16), 'abcdefghijklmnopqrstuvwxyz'])('refuses %j as name_too_long', (name) => {
    expect(usernameProblem(name)).toBe('name_too_long');
  });

  it('puts the limits at 2 and 15', () => {
    expect(USERNAME_MIN).toBe(2);
    expect(USERNAME_MAX).toBe(15);
    expect(usernameProblem('x'.repeat(USERNAME_MIN - 1))).toBe('name_too_short');
    expect(usernameProblem('x'.repeat(USERNAME_MIN))).toBeNull();
    expect(usernameProblem('x'.repeat(USERNAME_MAX))).toBeNull();
    expect(usernameProblem('x'.repeat(USERNAME_MAX + 1))).toBe('name_too_long');
  });

  it.each([
    'al ice',
    ' alice',
    'alice ',
    'al-ice',
    'al.ice',
    'élan',
    'Ålesund',
    '١٢٣',
    'ab\n',
    'ab\u0000',
    'a\u200bb',
    '<img src=x>',
    'bob😀',
  ])('refuses %j as name_bad_chars', (name) => {
    expect(usernameProblem(name)).toBe('name_bad_chars');
  });

  it('refuses any 2–15 character name with a character outside [A-Za-z0-9_] as name_bad_chars', () => {
    const bad = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/^\w$/.test(c));
    fc.assert(
      fc.property(fc.stringMatching(/^\w{0,6}$/), bad, fc.stringMatching(/^\w{0,6}$/), (pre, c, post) => {
        const name = pre + c + post;
        fc.pre(name.length >= USERNAME_MIN && name.length <= USERNAME_MAX);
        expect(usernameProblem(name)).toBe('name_bad_chars');
      }),
    );
  });
});

describe('nameKey', () => {
  it('gives "Alice", "alice" and "ALICE" the same key', () => {
    expect(nameKey('Alice')).toBe(nameKey('alice'));
    expect(nameKey('ALICE')).toBe(nameKey('alice'));
  });

  it('gives every case variant of a valid name the same key', () => {
    fc.assert(
      fc.property(validName, fc.array(fc.boolean(), { minLength: 15, maxLength: 15 }), (name, upper) => {
        const variant = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
        expect(nameKey(variant)).toBe(nameKey(name));
      }),
    );
  });

  it('gives look-alike names the same key: "aIice", "a1ice" and "ALICE" are "alice", "0" is "O", "rn" is "m"', () => {
    for (const variant of ['aIice', 'a1ice', 'ALICE', 'AL1CE', 'alIce'])
      expect(nameKey(variant)).toBe(nameKey('alice'));
    expect(nameKey('B0B')).toBe(nameKey('bob'));
    expect(nameKey('sarn')).toBe(nameKey('Sam'));
  });

  it('gives a name with any of its characters swapped for a look-alike the same key', () => {
    const swaps = fc.array(fc.nat(), { minLength: 15, maxLength: 15 });
    fc.assert(
      fc.property(validName, swaps, (name, picks) => {
        const variant = [...name]
          .map((c, i) => {
            const options = LOOK_ALIKES[c];
            const pick = picks[i] ?? 0;
            return options && pick % 2 === 1 ? (options[pick % options.length] ?? c) : c;
          })
          .join('');
        expect(nameKey(variant)).toBe(nameKey(name));
      }),
    );
  });

  it('keeps names apart when they differ other than in case, in characters that have no look-alike', () => {
    fc.assert(
      fc.property(plainName, plainName, (a, b) => {
        fc.pre(a.toLowerCase() !== b.toLowerCase());
        expect(nameKey(a)).not.toBe(nameKey(b));
      }),
    );
  });

  it('keys a name without look-alike characters by its lower case, as before', () => {
    fc.assert(
      fc.property(plainName, (name) => {
        expect(nameKey(name)).toBe(name.toLowerCase());
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(validName, (name) => {
        expect(nameKey(nameKey(name))).toBe(nameKey(name));
      }),
    );
  });
});
