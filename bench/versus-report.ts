// The `--versus` report: the median of the repeats for each system, measure and group size, each
// room's figure next to the plain relay's with the ratio (and new next to old with --old), the
// bench's own CPU share per mode, and notes where the load generator may have set the limit.
// Unit-tested in test/unit/bench/versus-report.test.ts.

import type { SweepStep } from './scenarios/versus';
import { formatNumber, renderTable } from './table';
import { type SizeResult, SWEEP_LIMIT_MS, type SystemRun, type VersusSystem } from './versus';

/** Past this share of one core, the bench process itself may be what limited a mode. */
export const BENCH_CPU_WARN_PCT = 80;
/** Past this share of one core used by other processes on average, the figures are contended. */
export const OTHER_CPU_WARN_PCT = 25;

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '—';
}

const at10 = (s: SizeResult): SweepStep | undefined => s.sweep.find((step) => step.rate === 10);

/** One measure: how to read it from one run, its digits, and which way is better. */
interface Measure {
  name: string;
  digits: number;
  read: (s: SizeResult) => number;
}

export const MEASURES: readonly Measure[] = [
  {
    name: 'deliveries/s, 1 in flight (own copy acks) ↑',
    digits: 0,
    read: (s) => s.oneInFlight.deliveriesPerSec,
  },
  {
    name: 'deliveries/s, 10 in flight (all have it) ↑',
    digits: 0,
    read: (s) => s.tenInFlight.deliveriesPerSec,
  },
  { name: 'latency p50 at 10 msg/s, ms ↓', digits: 1, read: (s) => at10(s)?.latency.p50 ?? Number.NaN },
  { name: 'latency p99 at 10 msg/s, ms ↓', digits: 1, read: (s) => at10(s)?.latency.p99 ?? Number.NaN },
  { name: `saturation, msg/s (p99 ≤ ${SWEEP_LIMIT_MS} ms) ↑`, digits: 0, read: (s) => s.saturation },
  { name: 'all joined, s ↓', digits: 1, read: (s) => s.joinSec },
  {
    name: 'memory per client, KiB (room + proxy workerd) ↓',
    digits: 0,
    read: (s) => s.memory.roomKiBPerClient + s.memory.proxyKiBPerClient,
  },
];

/** The modes whose CPU is reported, and how to read each one's shares from one run. */
const MODES = [
  { name: '1 in flight', cpu: (s: SizeResult) => [s.oneInFlight.cpu] },
  { name: '10 in flight', cpu: (s: SizeResult) => [s.tenInFlight.cpu] },
  { name: 'rate sweep (busiest step)', cpu: (s: SizeResult) => s.sweep.map((step) => step.cpu) },
] as const;

/** The runs of one system at one group size. */
function sizesOf(runs: readonly SystemRun[], system: string, clients: number): SizeResult[] {
  return runs.filter((r) => r.system === system).flatMap((r) => r.sizes.filter((s) => s.clients === clients));
}

/** The median over the repeats of `read`, for one system at one group size. */
export function medianOf(
  runs: readonly SystemRun[],
  system: string,
  clients: number,
  read: (s: SizeResult) => number,
): number {
  return median(sizesOf(runs, system, clients).map(read));
}

function groupSizes(runs: readonly SystemRun[]): number[] {
  return [...new Set(runs.flatMap((r) => r.sizes.map((s) => s.clients)))].sort((a, b) => a - b);
}

function comparisonTable(systems: readonly VersusSystem[], runs: readonly SystemRun[]): string {
  const hasOld = systems.some((s) => s.id === 'old');
  const headers = [
    'clients',
    'measure',
    ...systems.map((s) => s.label),
    'new / plain',
    ...(hasOld ? ['old / plain', 'new / old'] : []),
  ];
  const rows: string[][] = [];
  for (const n of groupSizes(runs)) {
    for (const measure of MEASURES) {
      const value = (id: string) => medianOf(runs, id, n, measure.read);
      const [fresh, old, plain] = [value('new'), value('old'), value('plain')];
      rows.push([
        String(n),
        measure.name,
        ...systems.map((s) => formatNumber(value(s.id), measure.digits)),
        ratio(fresh, plain),
        ...(hasOld ? [ratio(old, plain), ratio(fresh, old)] : []),
      ]);
    }
  }
  return renderTable(headers, rows);
}

/** The busiest phase's share of one core for `pick`, per run; the median over the repeats. */
function cpuMedian(
  runs: readonly SystemRun[],
  system: string,
  n: number,
  mode: (typeof MODES)[number],
  pick: (cpu: SizeResult['oneInFlight']['cpu']) => number,
): number {
  return median(sizesOf(runs, system, n).map((s) => Math.max(...mode.cpu(s).map(pick))));
}

function cpuTable(systems: readonly VersusSystem[], runs: readonly SystemRun[]): string {
  const headers = ['clients', 'mode', ...systems.map((s) => `${s.label}: bench / server %`)];
  const rows: string[][] = [];
  for (const n of groupSizes(runs)) {
    for (const mode of MODES) {
      rows.push([
        String(n),
        mode.name,
        ...systems.map((s) => {
          const bench = cpuMedian(runs, s.id, n, mode, (c) => c.bench);
          const server = cpuMedian(runs, s.id, n, mode, (c) => c.workerdRoom + c.workerdProxy);
          return `${formatNumber(bench)} / ${formatNumber(server)}`;
        }),
      ]);
    }
  }
  return renderTable(headers, rows);
}

/** Where the bench may have been the bottleneck, copies went missing, or a roster never filled. */
export function versusNotes(systems: readonly VersusSystem[], runs: readonly SystemRun[]): string[] {
  const notes: string[] = [];
  const label = (id: string) => systems.find((s) => s.id === id)?.label ?? id;
  for (const run of runs) {
    for (const s of run.sizes) {
      const where = `${label(run.system)}, ${s.clients} clients, run ${run.repeat + 1}`;
      for (const mode of MODES) {
        const bench = Math.max(...mode.cpu(s).map((c) => c.bench));
        if (bench > BENCH_CPU_WARN_PCT)
          notes.push(
            `${where}, ${mode.name}: the bench used ${formatNumber(bench)} % of a core; ` +
              'the load generator, not the server, may have set this limit',
          );
      }
      const missing = s.oneInFlight.missing + s.tenInFlight.missing;
      if (missing > 0) notes.push(`${where}: ${missing} copies missing after the drain (closed loops)`);
      if (!s.settled) notes.push(`${where}: not every roster showed the whole group before measuring`);
    }
  }
  const phases = runs.flatMap((r) => r.sizes.flatMap((s) => MODES.flatMap((mode) => mode.cpu(s))));
  const wall = phases.reduce((sum, c) => sum + c.wallSec, 0);
  const other = phases.reduce((sum, c) => sum + c.other * c.wallSec, 0) / Math.max(wall, 1e-9);
  if (other > OTHER_CPU_WARN_PCT)
    notes.push(
      `other processes on this machine used ${formatNumber(other)} % of a core on average while measuring: ` +
        'every figure is contended, and the alternation and medians are what keep the ratios comparable',
    );
  return notes;
}

function sweepLines(systems: readonly VersusSystem[], runs: readonly SystemRun[]): string[] {
  const label = (id: string) => systems.find((s) => s.id === id)?.label ?? id;
  return runs.flatMap((run) =>
    run.sizes.map(
      (s) =>
        `- sweep, ${label(run.system)}, ${s.clients} clients, run ${run.repeat + 1}: ` +
        s.sweep
          .map(
            (step) =>
              `${step.rate}/s ${step.latency.p50.toFixed(1)}/${step.latency.p99.toFixed(1)} ms` +
              (step.received < step.expected ? ` (${step.expected - step.received} missing)` : ''),
          )
          .join('; '),
    ),
  );
}

export function renderVersus(systems: readonly VersusSystem[], runs: readonly SystemRun[]): string {
  const repeats = new Set(runs.map((r) => r.repeat)).size;
  const notes = versusNotes(systems, runs);
  return [
    `Medians of ${repeats} alternating run(s); ↑ higher is better, ↓ lower is better.`,
    '',
    comparisonTable(systems, runs),
    '',
    'CPU, percent of one core, busiest phase of each mode (median over the runs)',
    '',
    cpuTable(systems, runs),
    '',
    ...(notes.length
      ? notes.map((n) => `- ${n}`)
      : [`- the bench stayed under ${BENCH_CPU_WARN_PCT} % of a core`]),
    '',
    'Rate sweeps, p50/p99 per step:',
    ...sweepLines(systems, runs),
  ].join('\n');
}
