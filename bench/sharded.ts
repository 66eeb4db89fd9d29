// `npm run bench -- --sharded`: the sharded-room prototype (docs/scaling.md) against the normal room,
// in one run. Each system gets its own fresh `wrangler dev` of wrangler.sharded.toml (ROOM_SHARDS=0
// is the normal room; K > 0 is 1 sequencer + K shards): N members join, then an open-loop window at
// the latency rate gives p50/p99 from send to each member's copy, then a second window of the same
// load under the V8 profiler gives the sequencer's share of the isolate's time, applied to the
// workerd's CPU per message (from /proc, over the first window) to estimate the sequencer's CPU.

import { join } from 'node:path';
import { benchNames, ClientGroup } from './clients';
import { InspectorProfiler } from './lab/profiler';
import type { BenchOptions } from './options';
import { chatSpaceClients, type RelayClients } from './relay-clients';
import { runSweep, type SweepStep } from './scenarios/versus';
import { log } from './sequence';
import { type DevServer, REPO_ROOT, startDevServer } from './server';
import { shardedClients } from './sharded-clients';
import { inclusiveMs, SEQUENCER_FUNCTIONS, SHARD_FUNCTIONS } from './sharded-profile';
import { now, waitUntil } from './time';

const JOIN_TIMEOUT_MS = 60_000;
const ROSTER_TIMEOUT_MS = 30_000;
const PROFILE_INTERVAL_US = 250;

export interface ShardedRun {
  /** 0: the normal room. */
  shards: number;
  clients: number;
  joinSec: number;
  perShard: number[];
  latency: SweepStep;
  profiled: SweepStep;
  /** The room workerd's CPU per message over the latency window (every object, the front worker too). */
  workerdMsPerMessage: number;
  /** The sequencer's share of the isolate's busy profile samples in the profiled window. */
  sequencerShare: number | null;
  /** That share of workerdMsPerMessage: an estimate of the sequencer's CPU per message. */
  sequencerMsPerMessage: number | null;
  faults: { duplicates: number; gaps: number; errors: number } | null;
}

async function joinMembers(dev: DevServer, k: number, n: number, options: BenchOptions) {
  const names = benchNames(`sh${k}x`, n);
  const start = now();
  if (k > 0) {
    const relay = await shardedClients(`K=${k}`, dev.wsUrl, names, options.joinConcurrency, JOIN_TIMEOUT_MS);
    return { relay, sharded: relay, joinSec: (now() - start) / 1000 };
  }
  const group = await ClientGroup.joinLean(
    dev.wsUrl,
    names,
    options.joinConcurrency,
    'the normal room',
    JOIN_TIMEOUT_MS,
  );
  await waitUntil(() => group.rosterFullCount === n, ROSTER_TIMEOUT_MS, 50);
  const relay: RelayClients = chatSpaceClients(group, 'unsharded');
  return { relay, sharded: null, joinSec: (now() - start) / 1000 };
}

async function measure(k: number, n: number, options: BenchOptions, track: (s: DevServer | null) => void) {
  log(`sharded: ${k === 0 ? 'the normal room' : `1 sequencer + ${k} shards`}, ${n} clients`);
  const dev = await startDevServer({
    startupTimeoutMs: 60_000,
    config: join(REPO_ROOT, 'wrangler.sharded.toml'),
    vars: { ROOM_SHARDS: String(k), LOG_EVENTS: 'off' },
    onSpawn: track,
  });
  try {
    const { relay, sharded, joinSec } = await joinMembers(dev, k, n, options);
    try {
      log(
        `sharded: K=${k}, ${n} joined in ${joinSec.toFixed(1)} s${sharded ? ` (per shard ${sharded.perShard().join('/')})` : ''}`,
      );
      const window = {
        rates: [options.latencyRate],
        stepMs: options.latencyMs,
        limitMs: Number.POSITIVE_INFINITY,
      };
      const [latency] = await runSweep(dev, relay, { ...window, tag: `k${k}l` });
      const profiler = await InspectorProfiler.connect(dev.inspectorPort);
      let profiled: SweepStep | undefined;
      let sequencerShare = 0;
      try {
        await profiler.start(PROFILE_INTERVAL_US);
        [profiled] = await runSweep(dev, relay, { ...window, tag: `k${k}p` });
        const { matchedMs, busyMs } = inclusiveMs(
          await profiler.stop(),
          SEQUENCER_FUNCTIONS,
          SHARD_FUNCTIONS,
        );
        sequencerShare = busyMs > 0 ? matchedMs / busyMs : 0;
      } finally {
        profiler.close();
      }
      if (!latency || !profiled) throw new Error('a window did not run');
      const messages = Math.max(1, Math.round((options.latencyRate * options.latencyMs) / 1000));
      // From the window without the profiler: the profiler's own cost stays out of it.
      const workerdMs = (latency.cpu.workerdRoom * latency.cpu.wallSec * 10) / messages;
      return {
        shards: k,
        clients: n,
        joinSec,
        perShard: sharded?.perShard() ?? [],
        latency,
        profiled,
        workerdMsPerMessage: workerdMs,
        sequencerShare: k > 0 ? sequencerShare : null,
        sequencerMsPerMessage: k > 0 ? sequencerShare * workerdMs : null,
        faults: sharded?.faults() ?? null,
      } satisfies ShardedRun;
    } finally {
      await relay.close();
    }
  } finally {
    await dev.stop();
    track(null);
  }
}

/** The normal room, then K = each of `shardCounts`, each with `n` members. */
export async function runSharded(
  options: BenchOptions,
  shardCounts: readonly number[],
  track: (server: DevServer | null) => void,
): Promise<ShardedRun[]> {
  const runs: ShardedRun[] = [];
  for (const k of [0, ...shardCounts]) runs.push(await measure(k, options.largeN, options, track));
  return runs;
}
