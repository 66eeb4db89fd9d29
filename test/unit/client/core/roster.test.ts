// Unit tests for client/core/roster.ts: applyPresence, which keeps the
// roster in step with the room's batched joins and leaves.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PresenceChange, ServerMessageOf } from '#protocol/server-messages';
import { applyPresence } from '../../../../client/core/roster';
import { must } from '../../../support/must';

const join = (name: string): PresenceChange => ({ change: 'join', name });
const leave = (name: string): PresenceChange => ({ change: 'leave', name, reason: 'left' });
const batch = (...changes: PresenceChange[]): ServerMessageOf<'presence'> => ({
  type: 'presence',
  changes,
  count: 0,
});

describe('applyPresence', () => {
  it('adds joined users and removes those who left', () => {
    expect(applyPresence(['alice', 'bob'], batch(join('carol'), leave('bob')))).toEqual(['alice', 'carol']);
  });

  it('applies changes in order: a join then a leave of the same user removes them', () => {
    expect(applyPresence(['alice'], batch(join('bob'), leave('bob')))).toEqual(['alice']);
  });

  it('applies changes in order: a leave then a join of the same user keeps them', () => {
    expect(applyPresence(['alice', 'bob'], batch(leave('bob'), join('bob')))).toEqual(['alice', 'bob']);
  });

  it('matches names without regard to case', () => {
    expect(applyPresence(['Alice', 'bob'], batch(leave('ALICE')))).toEqual(['bob']);
    expect(applyPresence(['Alice'], batch(join('alice')))).toEqual(['alice']);
  });

  it('sorts the roster alphabetically, ignoring case', () => {
    expect(applyPresence([], batch(join('zed'), join('Bob'), join('alice'), join('Carol')))).toEqual([
      'alice',
      'Bob',
      'Carol',
      'zed',
    ]);
  });

  it('ignores a leave for someone not on the roster', () => {
    expect(applyPresence(['alice'], batch(leave('ghost')))).toEqual(['alice']);
  });

  it('does not change the roster it was given', () => {
    const roster = ['alice', 'bob'];
    applyPresence(roster, batch(join('carol'), leave('alice')));
    expect(roster).toEqual(['alice', 'bob']);
  });

  it('agrees with a model that replays the changes one by one', () => {
    const name = fc.constantFrom('alice', 'Alice', 'ALICE', 'bob', 'Bob', 'carol', 'dave_1', 'Dave_1', 'eve');
    const change = fc.oneof(name.map(join), name.map(leave));
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 30 }),
        fc.array(change, { maxLength: 30 }),
        (first, second) => {
          const roster = applyPresence(applyPresence([], batch(...first)), batch(...second));
          const model = new Map<string, string>();
          for (const c of [...first, ...second]) {
            if (c.change === 'join') model.set(c.name.toLowerCase(), c.name);
            else model.delete(c.name.toLowerCase());
          }
          expect(new Set(roster)).toEqual(new Set(model.values()));
          expect(new Set(roster.map((n) => n.toLowerCase())).size).toBe(roster.length);
          for (let i = 1; i < roster.length; i++) {
            expect(must(roster[i - 1]).toLowerCase() <= must(roster[i]).toLowerCase()).toBe(true);
          }
        },
      ),
    );
  });
});
