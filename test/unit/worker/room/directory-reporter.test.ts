// The room's reports to the directory: at once on the first join and the last leave, at most one
// per REPORT_GAP_MS in between, and nothing at all for a room where nothing happens.

import { describe, expect, it } from 'vitest';
import type { ReportInput } from '../../../../worker/directory/directory-requests';
import { DirectoryReporter, REPORT_GAP_MS } from '../../../../worker/room/directory-reporter';

function harness() {
  let now = 1_000_000;
  let members = 0;
  const sent: ReportInput[] = [];
  const timers: { at: number; task: () => void }[] = [];
  const reporter = new DirectoryReporter({
    now: () => now,
    room: () => ({ kind: 'public', slug: 'rust' }),
    members: () => members,
    send: async (report) => {
      sent.push(report);
    },
    setTimer: (task, delayMs) => timers.push({ at: now + delayMs, task }),
  });
  return {
    reporter,
    sent,
    timers,
    set(count: number) {
      const before = members;
      members = count;
      reporter.membersChanged(before, count);
    },
    /** Moves the clock to `at` and runs the timers due by then. */
    advance(ms: number) {
      now += ms;
      for (const timer of timers.splice(0).sort((a, b) => a.at - b.at)) {
        if (timer.at <= now) timer.task();
        else timers.push(timer);
      }
    },
  };
}

describe('the directory reporter', () => {
  it('reports the first join and the last leave at once', () => {
    const h = harness();
    h.set(1);
    expect(h.sent.map((r) => r.members)).toEqual([1]);
    h.advance(10 * REPORT_GAP_MS);
    h.set(0);
    expect(h.sent.map((r) => r.members)).toEqual([1, 0]);
    expect(h.reporter.pending).toBe(false);
  });

  it('coalesces the changes in between into one report a gap after the last', () => {
    const h = harness();
    h.set(1);
    h.advance(100);
    h.set(2);
    h.set(3);
    h.set(4);
    expect(h.sent).toHaveLength(1);
    expect(h.reporter.pending).toBe(true);
    h.advance(REPORT_GAP_MS - 200);
    expect(h.sent).toHaveLength(1);
    h.advance(100);
    expect(h.sent.map((r) => r.members)).toEqual([1, 4]);
    expect(h.reporter.pending).toBe(false);
  });

  it('lets a last leave overtake a pending report, which then sends nothing', () => {
    const h = harness();
    h.set(1);
    h.set(2);
    h.set(0);
    h.advance(REPORT_GAP_MS);
    expect(h.sent.map((r) => r.members)).toEqual([1, 0]);
  });

  it('counts a message as activity, reported within the gap, with the key and visibility', () => {
    const h = harness();
    h.set(1);
    h.advance(REPORT_GAP_MS);
    h.reporter.activity();
    h.reporter.activity();
    h.advance(0);
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1]).toMatchObject({
      key: 'rust',
      listed: true,
      members: 1,
      lastActivity: 1_000_000 + REPORT_GAP_MS,
    });
  });

  it('schedules nothing when nothing changes', () => {
    const h = harness();
    h.reporter.membersChanged(0, 0);
    h.reporter.membersChanged(3, 3);
    expect(h.timers).toHaveLength(0);
    expect(h.sent).toHaveLength(0);
  });
});
