// Unit tests for client/ui/format/grouping.ts: which rows share a header, and where the day
// dividers go.

import { describe, expect, it } from 'vitest';
import { dayLabel, type GroupSource, groupRows } from '../../../../../client/ui/format/grouping';

const at = (day: number, h: number, m: number, s = 0) => new Date(2026, 4, day, h, m, s).getTime();
const NOW = at(10, 12, 0);
const msg = (from: string, time: number, extra: Partial<GroupSource> = {}): GroupSource => ({
  kind: 'public',
  from,
  at: time,
  ...extra,
});
const heads = (lines: GroupSource[]) => groupRows(lines, NOW).map((p) => p.head);

describe('groupRows', () => {
  it('groups consecutive messages from one sender within five minutes of the first', () => {
    expect(
      heads([
        msg('alice', at(10, 9, 0)),
        msg('alice', at(10, 9, 2)),
        msg('alice', at(10, 9, 5)),
        msg('alice', at(10, 9, 5, 1)),
      ]),
    ).toEqual([true, false, false, true]);
  });

  it('starts a new group for another sender, and again when the first comes back', () => {
    expect(heads([msg('alice', at(10, 9, 0)), msg('bob', at(10, 9, 0)), msg('alice', at(10, 9, 1))])).toEqual(
      [true, true, true],
    );
  });

  it('breaks a group at a system line and at a file card', () => {
    expect(
      heads([
        msg('alice', at(10, 9, 0)),
        { kind: 'system', at: at(10, 9, 0) },
        msg('alice', at(10, 9, 1)),
        msg('alice', at(10, 9, 1), { file: 'f1' }),
        msg('alice', at(10, 9, 2)),
        msg('alice', at(10, 9, 2)),
      ]),
    ).toEqual([true, true, true, true, true, false]);
  });

  it('breaks a group between history and live messages, and between two recipients', () => {
    expect(heads([msg('alice', at(10, 9, 0), { earlier: true }), msg('alice', at(10, 9, 1))])).toEqual([
      true,
      true,
    ]);
    const pm = (to: string) => msg('alice', at(10, 9, 0), { kind: 'private', to });
    expect(heads([pm('bob'), pm('bob'), pm('carol')])).toEqual([true, false, true]);
  });

  it('does not group a message stamped before the first of the group', () => {
    expect(heads([msg('alice', at(10, 9, 1)), msg('alice', at(10, 9, 0))])).toEqual([true, true]);
  });

  it('puts a divider before the first row and before the first row of each new day', () => {
    const places = groupRows(
      [
        msg('alice', at(8, 23, 58)),
        msg('alice', at(8, 23, 59)),
        msg('alice', at(9, 0, 1)),
        msg('bob', at(10, 8, 0)),
      ],
      NOW,
      () => 'Friday, 8 May 2026',
    );
    expect(places).toEqual([
      { head: true, day: 'Friday, 8 May 2026' },
      { head: false, day: null },
      { head: true, day: 'Yesterday' },
      { head: true, day: 'Today' },
    ]);
  });
});

describe('dayLabel', () => {
  it('says Today and Yesterday by the local calendar day, not by 24 hours', () => {
    expect(dayLabel(at(10, 0, 0), at(10, 23, 59))).toBe('Today');
    expect(dayLabel(at(9, 23, 59), at(10, 0, 1))).toBe('Yesterday');
    expect(dayLabel(at(8, 23, 59), at(10, 0, 1), () => 'the 8th')).toBe('the 8th');
  });
});
