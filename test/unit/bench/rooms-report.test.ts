// `--rooms` (issue 14): the table names each system and window, and a run is invalid when copies
// are missing, a room sees another room's traffic, or clients or the room report problems.

import { describe, expect, it } from 'vitest';
import type { CpuShares } from '../../../bench/cpu-meter';
import type { RoomsSystemRun, RoomsWindowRun } from '../../../bench/rooms';
import { aggregate } from '../../../bench/rooms-plan';
import { renderRooms, roomsFailures, systemName, workerdUsPerCopy } from '../../../bench/rooms-report';

const cpu: CpuShares = {
  workerdRoom: 80,
  workerdProxy: 20,
  wrangler: 1,
  bench: 60,
  other: 5,
  idle: 30,
  wallSec: 10,
  restarted: false,
};

function window(name: string, missing = 0, foreign = 0): RoomsWindowRun {
  const result = aggregate([{ samples: [5, 9, 12], expected: 3 + missing, received: 3 }], 1);
  return {
    name,
    ratePerRoom: name === 'closed loop' ? null : 1,
    inFlightPerRoom: name === 'closed loop' ? 10 : null,
    window: { sent: 1, result, cpu, load1: 3.5, foreign },
  };
}

function run(rooms: number, perRoom: number, windows: RoomsWindowRun[]): RoomsSystemRun {
  return { rooms, perRoom, joinSec: 4, rosterLeaks: 0, windows, clientProblems: 0, internalErrors: 0 };
}

describe('bench --rooms report', () => {
  it('names a system by its rooms and members', () => {
    expect(systemName({ rooms: 10, perRoom: 100 })).toBe('10 rooms × 100');
    expect(systemName({ rooms: 1, perRoom: 1000 })).toBe('1 room × 1,000');
  });

  it('prints a row per window with the total rate, the CPU shares and the load average', () => {
    const text = renderRooms([
      run(10, 100, [window('same send rate'), window('closed loop')]),
      run(1, 1000, [window('same send rate')]),
    ]);
    expect(text).toContain('| 10 rooms × 100 | same send rate | 10 msg/s (1/room)');
    expect(text).toContain('10 in flight/room');
    expect(text).toContain('| 1 room × 1,000 | same send rate | 1 msg/s');
    expect(text).toContain('| 80 %    | 20 %  | 60 %  | 5 %   | 3.50');
  });

  it("divides the room workerd's CPU over the window by the copies received", () => {
    // 80 % of a core for 10 s is 8 s of CPU, over 3 copies.
    expect(workerdUsPerCopy(window('closed loop'))).toBeCloseTo(8e6 / 3);
    const none = window('closed loop');
    expect(workerdUsPerCopy({ ...none, window: { ...none.window, result: aggregate([], 1) } })).toBeNaN();
  });

  it('passes a clean run and fails one with missing copies, leaks or problems', () => {
    const clean = run(10, 100, [window('same send rate')]);
    expect(roomsFailures([clean])).toEqual([]);
    const leaky = { ...run(10, 100, [window('closed loop', 7, 2)]), rosterLeaks: 1, internalErrors: 3 };
    expect(roomsFailures([leaky])).toEqual([
      "10 rooms × 100: 1 rosters showed another room's members",
      '10 rooms × 100, closed loop: 2 copies from another room',
      '10 rooms × 100, closed loop: 7 copies not there 10 s after the last send',
      '10 rooms × 100: 3 room internal errors',
    ]);
  });
});
