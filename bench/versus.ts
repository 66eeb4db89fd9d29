// `npm run bench -- --versus`: ChatSpace next to a plain relay (bench/plain-relay) in the same
// workerd and the same run, at the small and the large group size, every figure with its ratio.
// Bench clients open ChatSpace's frames with Node's own AES-GCM (lean), so their cost stays close
// to the plain clients' JSON parsing; the bench's own CPU share is printed to show it.

import { benchNames, ClientGroup } from './clients';
import type { BenchOptions } from './options';
import { chatSpaceClients, plainClients, type RelayClients } from './relay-clients';
import {
  type ClosedLoopResult,
  runClosedLoop,
  runSweep,
  type SweepStep,
  saturationRate,
} from './scenarios/versus';
import { log } from './sequence';
import type { DevServer } from './server';
import { formatNumber, renderTable } from './table';
import { sleep } from './time';

const RATES = [10, 50, 100, 200, 400, 800, 1600, 3200];
const LIMIT_MS = 250;

export interface SystemResult {
  system: string;
  clients: number;
  oneInFlight: ClosedLoopResult;
  tenInFlight: ClosedLoopResult;
  sweep: SweepStep[];
  saturation: number;
}

async function measure(
  dev: DevServer,
  relay: RelayClients,
  options: BenchOptions,
  tag: string,
): Promise<SystemResult> {
  log(`versus: ${relay.label}, ${relay.size} clients`);
  const oneInFlight = await runClosedLoop(dev, relay, {
    inFlight: 1,
    byEcho: true,
    durationMs: options.fanoutMs,
    tag: `${tag}a`,
  });
  const tenInFlight = await runClosedLoop(dev, relay, {
    inFlight: 10,
    byEcho: false,
    durationMs: options.fanoutMs,
    tag: `${tag}b`,
  });
  const sweep = await runSweep(dev, relay, {
    rates: RATES,
    stepMs: options.quick ? 2_000 : 4_000,
    limitMs: LIMIT_MS,
    tag: `${tag}c`,
  });
  return {
    system: relay.label,
    clients: relay.size,
    oneInFlight,
    tenInFlight,
    sweep,
    saturation: saturationRate(sweep, LIMIT_MS),
  };
}

/** Both systems at each group size: ChatSpace first, then the plain relay, in fresh groups. */
export async function runVersus(dev: DevServer, options: BenchOptions): Promise<SystemResult[]> {
  const results: SystemResult[] = [];
  for (const n of [options.smallN, options.largeN]) {
    const group = new ClientGroup({ url: dev.wsUrl, deflate: false, lean: true, joinTimeoutMs: 60_000 });
    const joined = await group.connectMany(benchNames(`vs${n}c`, n), options.joinConcurrency);
    if (joined.failed > 0) throw new Error(`${joined.failed} ChatSpace joins failed: ${joined.firstError}`);
    // Let the join's presence notices settle before measuring.
    await sleep(2_000);
    const chat = chatSpaceClients(group);
    results.push(await measure(dev, chat, options, `c${n}`));
    await chat.close();
    const plainUrl = `${dev.wsUrl.replace(/\/ws$/, '')}/plain/ws`;
    const plain = await plainClients(plainUrl, benchNames(`vs${n}p`, n), options.joinConcurrency, 60_000);
    results.push(await measure(dev, plain, options, `p${n}`));
    await plain.close();
  }
  return results;
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—');

function at10(r: SystemResult): SweepStep | undefined {
  return r.sweep.find((s) => s.rate === 10);
}

/** The comparison table: one row per measure and size, ChatSpace | plain | ratio. */
export function renderVersus(results: readonly SystemResult[]): string {
  const rows: string[][] = [];
  const sizes = [...new Set(results.map((r) => r.clients))];
  for (const n of sizes) {
    const c = results.find((r) => r.clients === n && r.system === 'ChatSpace');
    const p = results.find((r) => r.clients === n && r.system !== 'ChatSpace');
    if (!c || !p) continue;
    const row = (measure: string, a: number, b: number, digits = 0) =>
      rows.push([String(n), measure, formatNumber(a, digits), formatNumber(b, digits), ratio(a, b)]);
    row(
      'deliveries/s, 1 in flight (own copy acks)',
      c.oneInFlight.deliveriesPerSec,
      p.oneInFlight.deliveriesPerSec,
    );
    row(
      'deliveries/s, 10 in flight (all have it)',
      c.tenInFlight.deliveriesPerSec,
      p.tenInFlight.deliveriesPerSec,
    );
    row(
      'latency p50 at 10 msg/s, ms',
      at10(c)?.latency.p50 ?? Number.NaN,
      at10(p)?.latency.p50 ?? Number.NaN,
      1,
    );
    row(
      'latency p99 at 10 msg/s, ms',
      at10(c)?.latency.p99 ?? Number.NaN,
      at10(p)?.latency.p99 ?? Number.NaN,
      1,
    );
    row(`saturation, msg/s (p99 ≤ ${LIMIT_MS} ms)`, c.saturation, p.saturation);
    const benchCpu = (r: SystemResult) =>
      Math.max(r.oneInFlight.cpu.bench, r.tenInFlight.cpu.bench, ...r.sweep.map((s) => s.benchCpu));
    row('bench process CPU, max %, of one core', benchCpu(c), benchCpu(p));
    const missing =
      c.oneInFlight.missing + c.tenInFlight.missing + p.oneInFlight.missing + p.tenInFlight.missing;
    if (missing > 0) rows.push([String(n), 'copies missing after the drain', '', '', String(missing)]);
  }
  const sweepLines = results.map(
    (r) =>
      `- sweep, ${r.system}, ${r.clients} clients: ` +
      r.sweep
        .map(
          (s) =>
            `${s.rate}/s p50 ${s.latency.p50.toFixed(1)} p99 ${s.latency.p99.toFixed(1)} ms${s.received < s.expected ? ` (${s.expected - s.received} missing)` : ''}`,
        )
        .join('; '),
  );
  return [
    renderTable(['clients', 'measure', 'ChatSpace', 'plain relay', 'ratio'], rows),
    '',
    ...sweepLines,
  ].join('\n');
}
