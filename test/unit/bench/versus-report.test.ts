// The `--versus` report and schedule (issue 11): medians over alternating runs, ratios to the plain
// relay, the saturation rate of a sweep, a note when the bench itself neared a full core, and the
// order of the systems rotating from one repeat to the next.

import { describe, expect, it } from 'vitest';
import type { CpuShares } from '../../../bench/cpu-meter';
import { type SweepStep, saturationRate } from '../../../bench/scenarios/versus';
import { summarise } from '../../../bench/stats';
import {
  rotation,
  type SizeResult,
  type SystemRun,
  sweepStepMs,
  type VersusSystem,
} from '../../../bench/versus';
import { median, medianOf, ratio, renderVersus, versusNotes } from '../../../bench/versus-report';

function cpu(bench: number, other = 0): CpuShares {
  return {
    workerdRoom: 50,
    workerdProxy: 20,
    wrangler: 1,
    bench,
    other,
    idle: 0,
    wallSec: 1,
    restarted: false,
  };
}

function step(rate: number, p99: number, missing = 0, bench = 10): SweepStep {
  return {
    rate,
    latency: { ...summarise([1]), p99 },
    expected: 100,
    received: 100 - missing,
    cpu: cpu(bench),
  };
}

function size(clients: number, deliveriesPerSec: number, bench = 10): SizeResult {
  const loop = { sent: 1, deliveries: 1, missing: 0, deliveriesPerSec, cpu: cpu(bench) };
  return {
    clients,
    joinSec: 1,
    settled: true,
    oneInFlight: loop,
    tenInFlight: loop,
    sweep: [step(10, 5)],
    saturation: 10,
    memory: {
      clients,
      before: { roomKiB: 0, proxyKiB: 0 },
      after: { roomKiB: 100 * clients, proxyKiB: 0 },
      roomKiBPerClient: 100,
      proxyKiBPerClient: 0,
    },
  };
}

const run = (system: SystemRun['system'], repeat: number, dps: number, bench = 10): SystemRun => ({
  system,
  repeat,
  sizes: [size(100, dps, bench)],
});

const SYSTEMS: VersusSystem[] = [
  { id: 'new', label: 'new abc', config: null },
  { id: 'plain', label: 'plain relay', config: 'x' },
];

describe('bench --versus report', () => {
  it('takes the median of odd and even counts and ignores missing figures', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('prints a ratio with two decimals, and a dash when the baseline is missing or zero', () => {
    expect(ratio(150, 100)).toBe('1.50×');
    expect(ratio(1, 0)).toBe('—');
    expect(ratio(Number.NaN, 3)).toBe('—');
  });

  it('reports each system by the median of its runs, not by its best or its last', () => {
    const runs = [run('new', 0, 900), run('new', 1, 100), run('new', 2, 300), run('plain', 0, 200)];
    expect(medianOf(runs, 'new', 100, (s) => s.oneInFlight.deliveriesPerSec)).toBe(300);
    expect(medianOf(runs, 'plain', 100, (s) => s.oneInFlight.deliveriesPerSec)).toBe(200);
    expect(renderVersus(SYSTEMS, runs)).toContain('1.50×');
  });

  it('takes as saturation the highest rate whose p99 stayed within the limit with nothing missing', () => {
    expect(saturationRate([step(10, 5), step(50, 80), step(100, 400)], 250)).toBe(50);
    expect(saturationRate([step(10, 5), step(50, 80, 3)], 250)).toBe(10);
    expect(saturationRate([step(10, 300)], 250)).toBe(0);
  });

  it('notes a mode where the bench process passed 80 % of a core, and none otherwise', () => {
    expect(versusNotes(SYSTEMS, [run('new', 0, 100, 79)])).toEqual([]);
    const notes = versusNotes(SYSTEMS, [run('plain', 1, 100, 95)]);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]).toMatch(/plain relay, 100 clients, run 2, 1 in flight: the bench used 95 %/);
  });

  it('notes when other processes on the machine used more than a quarter of a core while measuring', () => {
    const busy = run('new', 0, 100);
    const first = busy.sizes[0];
    if (!first) throw new Error('no size');
    expect(versusNotes(SYSTEMS, [busy])).toEqual([]);
    first.oneInFlight = { ...first.oneInFlight, cpu: cpu(10, 150) };
    first.tenInFlight = first.oneInFlight;
    first.sweep = [{ ...step(10, 5), cpu: cpu(10, 150) }];
    expect(versusNotes(SYSTEMS, [busy]).join('\n')).toMatch(/other processes on this machine used 150 %/);
  });

  it('rotates the order of the systems from one repeat to the next', () => {
    expect(rotation(['new', 'old', 'plain'], 0)).toEqual(['new', 'old', 'plain']);
    expect(rotation(['new', 'old', 'plain'], 1)).toEqual(['old', 'plain', 'new']);
    expect(rotation(['new', 'old', 'plain'], 3)).toEqual(['new', 'old', 'plain']);
  });

  it('keeps sweep steps between 2 and 4 s, shorter when --seconds is shorter', () => {
    expect(sweepStepMs({ quick: true, fanoutMs: 3_000 })).toBe(2_000);
    expect(sweepStepMs({ quick: false, fanoutMs: 10_000 })).toBe(4_000);
    expect(sweepStepMs({ quick: false, fanoutMs: 6_000 })).toBe(2_400);
    expect(sweepStepMs({ quick: false, fanoutMs: 1_000 })).toBe(2_000);
  });
});
