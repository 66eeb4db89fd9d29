// Turns scenario results into the two printed tables (results against targets, CPU by phase)
// and the notes that explain how to read them.

import type { CpuShares } from './cpu-meter';
import type { BenchOptions } from './options';
import type { HotFunction } from './profiler';
import type { FanoutResult } from './scenarios/fanout';
import type { JoinResult } from './scenarios/join';
import type { LatencyResult } from './scenarios/latency';
import type { MemoryResult } from './scenarios/memory';
import { formatNumber as fmt, type Row, renderTable, type Verdict } from './table';
import { TARGETS, type Target } from './targets';

export interface Results {
  joinSmall: JoinResult | null;
  latencySmall: LatencyResult | null;
  joinLarge: JoinResult | null;
  memory: MemoryResult | null;
  fanoutOne: FanoutResult | null;
  fanoutTen: FanoutResult | null;
  latencyLarge: LatencyResult | null;
}

function verdict(target: Target, clients: number, value: number | null | undefined): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value) || clients !== target.clients)
    return 'n/a';
  return target.pass(value) ? 'pass' : 'FAIL';
}

function row(metric: string, result: string, target?: Target, clients = 0, value?: number | null): Row {
  return {
    metric,
    result,
    target: target?.text ?? '—',
    reference: target?.reference ?? '—',
    verdict: target ? verdict(target, clients, value) : 'n/a',
  };
}

function joinRows(join: JoinResult | null, n: number, target?: Target): Row[] {
  const label = `${fmt(n)} clients`;
  if (!join) return [row(`Join: ${label} (key exchange + joined)`, 'not measured', target)];
  const failed = join.failed > 0 ? ` (${join.failed} failed: ${join.firstError})` : '';
  return [
    row(
      `Join: ${label} (key exchange + joined)`,
      `${fmt(join.joinSec, 2)} s${failed}`,
      target,
      join.failed === 0 ? join.n : -1,
      join.joinSec,
    ),
    row(
      `Join: ${label}, until every roster shows ${fmt(n)}`,
      join.rosterSec === null ? 'not reached' : `${fmt(join.rosterSec, 2)} s`,
    ),
  ];
}

function fanoutRow(fanout: FanoutResult | null, label: string): Row {
  if (!fanout) return row(`Fan-out: ${label}`, 'not measured', TARGETS.fanout);
  const missing = fanout.missing > 0 ? `, ${fmt(fanout.missing)} copies missing` : '';
  return row(
    `Fan-out: ${label}, ${fmt(fanout.clients)} clients`,
    `${fmt(fanout.deliveriesPerSec)} deliveries/s (${fmt(fanout.messagesPerSec, 1)} msg/s${missing})`,
    TARGETS.fanout,
    fanout.clients,
    fanout.missing > 0 ? 0 : fanout.deliveriesPerSec,
  );
}

function latencyRow(latency: LatencyResult | null, n: number, target: Target): Row {
  if (!latency) return row(`Latency: ${fmt(n)} clients`, 'not measured', target);
  const missing =
    latency.received < latency.expected ? `, ${fmt(latency.expected - latency.received)} missing` : '';
  return row(
    `Latency: ${fmt(latency.clients)} clients, ${latency.ratePerSec} msg/s, ${latency.seconds} s`,
    `p50 ${fmt(latency.all.p50, 1)} ms, p99 ${fmt(latency.all.p99, 1)} ms (max ${fmt(latency.all.max)} ms${missing})`,
    target,
    latency.clients,
    latency.received < latency.expected ? Number.POSITIVE_INFINITY : latency.all.p99,
  );
}

export function resultRows(results: Results, options: BenchOptions): Row[] {
  const memory = results.memory;
  return [
    ...joinRows(results.joinSmall, options.smallN),
    ...joinRows(results.joinLarge, options.largeN, TARGETS.join),
    fanoutRow(results.fanoutOne, '1 sender'),
    fanoutRow(results.fanoutTen, '10 senders'),
    latencyRow(results.latencySmall, options.smallN, TARGETS.p99Small),
    latencyRow(results.latencyLarge, options.largeN, TARGETS.p99Large),
    memory
      ? row(
          `workerd RSS per client at ${fmt(memory.clients)} clients`,
          `${fmt(memory.roomKiBPerClient)} KiB (+${fmt(memory.proxyKiBPerClient)} KiB in wrangler's proxy)`,
          TARGETS.memory,
          memory.clients,
          memory.roomKiBPerClient,
        )
      : row('workerd RSS per client', 'not measured', TARGETS.memory),
  ];
}

export function renderResults(rows: readonly Row[]): string {
  return renderTable(
    ['Metric', 'Result', 'Target', 'Plain demo', 'Verdict'],
    rows.map((r) => [r.metric, r.result, r.target, r.reference, r.verdict]),
  );
}

export function renderCpu(phases: readonly { phase: string; cpu: CpuShares }[]): string {
  return renderTable(
    [
      'Phase (CPU, % of one core)',
      'wall s',
      'workerd room',
      'workerd proxy',
      'wrangler',
      'bench',
      'other',
      'idle',
    ],
    phases.map(({ phase, cpu }) => [
      phase,
      fmt(cpu.wallSec, 1),
      `${fmt(cpu.workerdRoom)} %`,
      `${fmt(cpu.workerdProxy)} %`,
      `${fmt(cpu.wrangler)} %`,
      `${fmt(cpu.bench)} %`,
      `${fmt(cpu.other)} %`,
      `${fmt(cpu.idle)} %`,
    ]),
  );
}

export function cpuPhases(results: Results): { phase: string; cpu: CpuShares }[] {
  const phases: { phase: string; cpu: CpuShares }[] = [];
  const add = (phase: string, r: { cpu: CpuShares } | null) => {
    if (r) phases.push({ phase, cpu: r.cpu });
  };
  add(`join ${results.joinSmall?.n ?? ''}`, results.joinSmall);
  add(`latency ${results.latencySmall?.clients ?? ''}`, results.latencySmall);
  add(`join ${results.joinLarge?.n ?? ''}`, results.joinLarge);
  add(`fan-out 1 sender`, results.fanoutOne);
  add(`fan-out 10 senders`, results.fanoutTen);
  add(`latency ${results.latencyLarge?.clients ?? ''}`, results.latencyLarge);
  return phases;
}

export function latencyDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const latency of [results.latencySmall, results.latencyLarge]) {
    if (!latency) continue;
    lines.push(
      `latency at ${fmt(latency.clients)} clients: first receiver p50 ${fmt(latency.firstReceiver.p50, 1)} ms / ` +
        `p99 ${fmt(latency.firstReceiver.p99, 1)} ms; last receiver p50 ${fmt(latency.lastReceiver.p50, 1)} ms / ` +
        `p99 ${fmt(latency.lastReceiver.p99, 1)} ms (the gap is the time one fan-out takes)`,
    );
  }
  return lines;
}

export function joinDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const join of [results.joinSmall, results.joinLarge]) {
    if (!join) continue;
    const roomCpuSec = (join.cpu.workerdRoom * join.cpu.wallSec) / 100;
    lines.push(
      `join ${fmt(join.n)} (${join.concurrency} handshakes in flight): clients decrypted ${fmt(join.presenceFrames)} ` +
        `presence frames (${fmt(join.presenceFrames / Math.max(1, join.joined), 1)} per client); ` +
        `the room's workerd used ${fmt(roomCpuSec, 1)} CPU s`,
    );
  }
  return lines;
}

export function fanoutDetail(results: Results): string[] {
  const lines: string[] = [];
  for (const fanout of [results.fanoutOne, results.fanoutTen]) {
    if (!fanout) continue;
    const { room, proxy, bench } = fanout.cpuUsPerDelivery;
    lines.push(
      `fan-out with ${fanout.senders} sender(s): CPU per delivery ${fmt(room, 1)} µs in the room's workerd, ` +
        `${fmt(proxy, 1)} µs in wrangler's proxy, ${fmt(bench, 1)} µs in the bench clients; ` +
        `one core for the room alone would sustain ~${fmt(room > 0 ? 1e6 / room : 0)} deliveries/s`,
    );
  }
  return lines;
}

export function contentionWarning(results: Results): string[] {
  const phases = cpuPhases(results);
  const wall = phases.reduce((sum, p) => sum + p.cpu.wallSec, 0);
  const other = phases.reduce((sum, p) => sum + p.cpu.other * p.cpu.wallSec, 0) / Math.max(wall, 1e-9);
  return other > 25
    ? [
        `WARNING: other processes on this machine used ${fmt(other)} % of a core on average during the ` +
          'measurements; the figures above are pessimistic. Rerun on a quiet machine.',
      ]
    : [];
}

export function notes(options: BenchOptions, cores: number): string[] {
  return [
    `The load generator (this Node process, which also decrypts every copy) shares the ${cores} cores with workerd, ` +
      'so figures are a floor for the server alone; see the CPU table for who used what.',
    'wrangler dev relays every frame through a second workerd (its dev proxy); production has no such hop. Its CPU and memory are shown apart.',
    options.deflate
      ? "Clients offer permessage-deflate as browsers do (--deflate), and wrangler dev's local proxy accepts it: " +
        'every encrypted frame is deflated for nothing. The room itself sets no_web_socket_compression.'
      : 'Clients do not offer permessage-deflate: the room sets no_web_socket_compression (ciphertext does not ' +
        "compress), which only wrangler dev's local proxy ignores. --deflate measures that local case.",
    options.lean
      ? 'COMPARISON RUN (--lean-clients): receivers open frames with node:crypto, not the client core.'
      : 'Every client is the real client core (SecureChannel): it decrypts and schema-checks every frame.',
    'Deliveries/s counts copies decrypted by receivers other than the sender.',
    'Latency is send call → that receiver has decrypted it, on one monotonic clock in this process.',
    ...(options.wranglerConfig ? [`COMPARISON RUN: worker variant from ${options.wranglerConfig}.`] : []),
    ...(options.quick ? ['--quick: group sizes differ from the targets, so there is no verdict.'] : []),
  ];
}

export function renderProfile(phase: string, file: string, hot: readonly HotFunction[]): string {
  const table = renderTable(
    ['Self time', '%', 'Function', 'Where'],
    hot.map((h) => [`${fmt(h.selfMs)} ms`, `${fmt(h.percent, 1)} %`, h.name, h.where]),
  );
  return `V8 profile of the room's isolate during "${phase}" (${file}):\n${table}`;
}
