// `npm run bench -- --versus`: the room next to a plain relay (bench/plain-relay), and with
// `--old=REF` the room at another commit too. Each system gets its own fresh `wrangler dev` (same
// workerd, same machine, same run), in an order that rotates from one repeat to the next; plain
// `npm run bench` never comes here. bench/versus-report.ts turns the runs into medians and ratios.

import { join } from 'node:path';
import { benchNames, ClientGroup } from './clients';
import { addOldWorktree, type OldWorktree } from './old-worktree';
import type { BenchOptions } from './options';
import { chatSpaceClients, plainClients, type RelayClients } from './relay-clients';
import { type MemoryResult, memoryPerClient, sampleRss } from './scenarios/memory';
import {
  type ClosedLoopResult,
  runClosedLoop,
  runSweep,
  type SweepStep,
  saturationRate,
} from './scenarios/versus';
import { log } from './sequence';
import { type DevServer, REPO_ROOT, startDevServer } from './server';
import { now, waitUntil } from './time';

export const SWEEP_RATES = [10, 50, 100, 200, 400, 800, 1600, 3200];
export const SWEEP_LIMIT_MS = 250;
const JOIN_TIMEOUT_MS = 60_000;
/** How long every ChatSpace client may take to see the whole roster before measuring starts. */
const ROSTER_TIMEOUT_MS = 30_000;

export type SystemId = 'new' | 'old' | 'plain';

export interface VersusSystem {
  id: SystemId;
  label: string;
  /** The wrangler config `wrangler dev` runs; null for this checkout's wrangler.toml. */
  config: string | null;
}

export interface SizeResult {
  clients: number;
  /** From the first connect until every client has joined (and, for ChatSpace, sees the full roster). */
  joinSec: number;
  /** False when some ChatSpace roster never showed every member within the timeout. */
  settled: boolean;
  oneInFlight: ClosedLoopResult;
  tenInFlight: ClosedLoopResult;
  sweep: SweepStep[];
  saturation: number;
  /** Resident memory of the room and proxy workerd, before and after this group joined. */
  memory: MemoryResult;
}

export interface SystemRun {
  system: SystemId;
  repeat: number;
  sizes: SizeResult[];
}

/** One sweep step's length: shorter windows keep a 3-system × 3-repeat run within ~20 minutes. */
export function sweepStepMs(options: Pick<BenchOptions, 'quick' | 'fanoutMs'>): number {
  if (options.quick) return 2_000;
  return Math.min(4_000, Math.max(2_000, Math.round(options.fanoutMs * 0.4)));
}

/** The order of the systems in repeat `repeat`: rotated, so none always runs first or last. */
export function rotation<T>(items: readonly T[], repeat: number): T[] {
  const k = items.length === 0 ? 0 : repeat % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function joinGroup(
  dev: DevServer,
  system: VersusSystem,
  n: number,
  options: BenchOptions,
): Promise<{ relay: RelayClients; joinSec: number; settled: boolean }> {
  const names = benchNames(`vs${system.id[0]}${n}x`, n);
  const start = now();
  if (system.id === 'plain') {
    const relay = await plainClients(
      system.label,
      dev.wsUrl,
      names,
      options.joinConcurrency,
      JOIN_TIMEOUT_MS,
    );
    return { relay, joinSec: (now() - start) / 1000, settled: true };
  }
  const group = await ClientGroup.joinLean(
    dev.wsUrl,
    names,
    options.joinConcurrency,
    system.label,
    JOIN_TIMEOUT_MS,
  );
  // Measuring starts once the join's presence notices have reached everyone.
  const settled = await waitUntil(() => group.rosterFullCount === n, ROSTER_TIMEOUT_MS, 50);
  return { relay: chatSpaceClients(group, system.label), joinSec: (now() - start) / 1000, settled };
}

async function measureSize(
  dev: DevServer,
  system: VersusSystem,
  n: number,
  options: BenchOptions,
  tag: string,
): Promise<SizeResult> {
  const before = sampleRss(dev);
  const { relay, joinSec, settled } = await joinGroup(dev, system, n, options);
  const memory = memoryPerClient(n, before, sampleRss(dev));
  try {
    log(`versus: ${system.label}, ${n} clients joined in ${joinSec.toFixed(1)} s`);
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
      rates: SWEEP_RATES,
      stepMs: sweepStepMs(options),
      limitMs: SWEEP_LIMIT_MS,
      tag: `${tag}c`,
    });
    const saturation = saturationRate(sweep, SWEEP_LIMIT_MS);
    return { clients: n, joinSec, settled, oneInFlight, tenInFlight, sweep, saturation, memory };
  } finally {
    await relay.close();
  }
}

/** Both group sizes against one fresh `wrangler dev` of `system`. */
async function runSystem(
  system: VersusSystem,
  repeat: number,
  options: BenchOptions,
  track: (server: DevServer | null) => void,
): Promise<SystemRun> {
  log(`versus: run ${repeat + 1}/${options.versusRepeat}, ${system.label}`);
  const dev = await startDevServer({ startupTimeoutMs: 60_000, config: system.config, onSpawn: track });
  try {
    const sizes: SizeResult[] = [];
    for (const n of [options.smallN, options.largeN])
      sizes.push(await measureSize(dev, system, n, options, `${system.id}${repeat}n${n}`));
    return { system: system.id, repeat, sizes };
  } finally {
    await dev.stop();
    track(null);
  }
}

/**
 * The systems (new, old if asked, plain), `options.versusRepeat` times in rotating order.
 * `track` learns the server running now, so that Ctrl-C and the watchdog can stop it.
 */
export async function runVersus(
  options: BenchOptions,
  newLabel: string,
  track: (server: DevServer | null) => void,
): Promise<{ systems: VersusSystem[]; runs: SystemRun[] }> {
  let old: OldWorktree | null = null;
  const removeOld = () => old?.remove();
  process.once('exit', removeOld);
  try {
    if (options.versusOld !== null) {
      log(`versus: checking out ${options.versusOld} in a temporary worktree`);
      old = addOldWorktree(options.versusOld);
    }
    const systems: VersusSystem[] = [
      { id: 'new', label: newLabel, config: options.wranglerConfig },
      ...(old ? [{ id: 'old' as const, label: `old ${old.commit}`, config: old.config }] : []),
      { id: 'plain', label: 'plain relay', config: join(REPO_ROOT, 'bench', 'plain-relay', 'wrangler.toml') },
    ];
    const runs: SystemRun[] = [];
    for (let repeat = 0; repeat < options.versusRepeat; repeat++)
      for (const system of rotation(systems, repeat))
        runs.push(await runSystem(system, repeat, options, track));
    return { systems, runs };
  } finally {
    removeOld();
    process.removeListener('exit', removeOld);
  }
}
