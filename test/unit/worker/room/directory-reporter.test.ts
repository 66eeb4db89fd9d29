// The room's reports to the directory: at once on the first join, the last leave and the first
// change after a quiet gap, one trailing report per REPORT_GAP_MS in between (woken by the room's
// alarm, never a timer), and nothing at all for a room where nothing happens.

import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../../../worker/directory/directory-requests';
import { DirectoryReporter, REPORT_GAP_MS } from '../../../../worker/room/directory-reporter';

function harness() {
  let now = 1_000_000;
  let members = 0;
  const sent: ReportInput[] = [];
  /** The room's alarm as the reporter asked for it: the earliest time wins, as in alarm-schedule.ts. */
  let alarmAt: number | null = null;
  const wakes: number[] = [];
  const reporter = new DirectoryReporter({
    now: () => now,
    room: () => ({ kind: 'public', slug: 'rust' }),
    members: () => members,
    send: async (report) => {
      sent.push(report);
    },
    wakeAt: (at) => {
      wakes.push(at);
      if (alarmAt === null || at < alarmAt) alarmAt = at;
    },
  });
  return {
    reporter,
    sent,
    wakes,
    alarmAt: () => alarmAt,
    set(count: number) {
      const before = members;
      members = count;
      reporter.membersChanged(before, count);
    },
    /** Moves the clock on by `ms`, firing the alarm on the way if it is due by then. */
    advance(ms: number) {
      now += ms;
      if (alarmAt !== null && alarmAt <= now) {
        alarmAt = null;
        reporter.alarm();
      }
    },
    /** The alarm fires now, early, as it does for the room's other work. */
    fireEarly() {
      alarmAt = null;
      reporter.alarm();
    },
    get now() {
      return now;
    },
  };
}

describe('the directory reporter', () => {
  it('reports the first join and the last leave at once, and asks for no alarm', () => {
    const h = harness();
    h.set(1);
    expect(h.sent.map((r) => r.members)).toEqual([1]);
    h.advance(10 * REPORT_GAP_MS);
    h.set(0);
    expect(h.sent.map((r) => r.members)).toEqual([1, 0]);
    expect(h.reporter.pending).toBe(false);
    expect(h.wakes).toEqual([]);
  });

  it('coalesces the changes within the gap into one report sent by the alarm a gap after the last report', () => {
    const h = harness();
    h.set(1);
    const firstAt = h.now;
    h.advance(100);
    h.set(2);
    h.set(3);
    h.set(4);
    expect(h.sent).toHaveLength(1);
    expect(h.reporter.pending).toBe(true);
    expect(h.wakes).toEqual([firstAt + REPORT_GAP_MS]);
    h.advance(REPORT_GAP_MS - 200);
    expect(h.sent).toHaveLength(1);
    h.advance(100);
    expect(h.sent.map((r) => r.members)).toEqual([1, 4]);
    expect(h.reporter.pending).toBe(false);
  });

  it('sends nothing when the alarm fires early for other work, and asks again for when the report is due', () => {
    const h = harness();
    h.set(1);
    h.set(2);
    const due = h.alarmAt();
    h.advance(1_000);
    h.fireEarly();
    expect(h.sent).toHaveLength(1);
    expect(h.alarmAt()).toBe(due);
    h.advance(REPORT_GAP_MS);
    expect(h.sent.map((r) => r.members)).toEqual([1, 2]);
  });

  it('lets a last leave overtake a pending report, and the alarm then sends nothing', () => {
    const h = harness();
    h.set(1);
    h.set(2);
    h.set(0);
    h.advance(REPORT_GAP_MS);
    expect(h.sent.map((r) => r.members)).toEqual([1, 0]);
    expect(h.reporter.pending).toBe(false);
  });

  it('reports the first message after a quiet gap at once, with the key and visibility, and coalesces the next', () => {
    const h = harness();
    h.set(1);
    h.advance(REPORT_GAP_MS);
    h.reporter.activity();
    h.reporter.activity();
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1]).toMatchObject({
      key: 'rust',
      listed: true,
      members: 1,
      lastActivity: 1_000_000 + REPORT_GAP_MS,
    });
    expect(h.reporter.pending).toBe(true);
    h.advance(REPORT_GAP_MS);
    expect(h.sent).toHaveLength(3);
  });

  it('never waits more than a gap for a trailing report, even after the clock went back', () => {
    const h = harness();
    h.advance(86_400_000);
    h.set(1);
    h.advance(-86_400_000);
    h.set(2);
    expect(h.alarmAt()).toBe(h.now + REPORT_GAP_MS);
    h.advance(REPORT_GAP_MS);
    expect(h.sent.map((r) => r.members)).toEqual([1, 2]);
  });

  it('schedules nothing when nothing changes', () => {
    const h = harness();
    h.reporter.membersChanged(0, 0);
    h.reporter.membersChanged(3, 3);
    h.reporter.alarm();
    expect(h.wakes).toHaveLength(0);
    expect(h.sent).toHaveLength(0);
  });
});
