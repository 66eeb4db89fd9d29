// The hostile-client scenario (issue 10): each attack runs for a bounded time against a fresh room
// (its own `wrangler dev` with empty state and the production rate limit) while 20 ordinary members
// chat at 10 msg/s. Measures the room's workerd RSS growth, the ordinary chat and who was closed.

import { ClientGroup, type ClientGroupOptions } from '../clients';
import { readProc } from '../proc-stats';
import { RssSampler, rssWindow } from '../rss-sampler';
import { type DevServer, startDevServer } from '../server';
import { now, sleep, withTimeout } from '../time';
import { acceptStorm } from './hostile/accept-storm';
import { type Attack, type AttackContext, type AttackId, settledWithin } from './hostile/attack';
import { socketHoard } from './hostile/hoard';
import { OrdinaryChat, type OrdinaryChatResult } from './hostile/ordinary-chat';
import { replayAmplification } from './hostile/replay';
import { slowReaders } from './hostile/slow-readers';

/** Either process past this ends the attack: the machine is shared. */
const RSS_CAP_KIB = 1.5 * 2 ** 20;
const BASELINE_MS = 1_000;
const GUARD_EVERY_MS = 200;
const PREPARE_TIMEOUT_MS = 120_000;
const DRAIN_MS = 10_000;
const SETTLE_MS = 3_000;

export interface HostileOptions {
  attacks: readonly AttackId[];
  durationMs: number;
  ordinaryClients: number;
  ordinaryRate: number;
  wranglerConfig: string | null;
}

export interface HostileResult {
  attack: AttackId;
  title: string;
  /** 'survived', or why the attack was cut short. */
  outcome: 'survived' | 'room died' | 'stopped at the RSS cap' | 'not measured';
  /** The attack's planned length, and how long it really ran. */
  seconds: number;
  elapsedSec: number;
  room: { beforeMiB: number; peakMiB: number; growthMiB: number };
  proxyGrowthMiB: number;
  chat: OrdinaryChatResult | null;
  attackers: number;
  /** Attacking sockets the room closed, and with which codes. */
  attackersClosed: number;
  closeCodes: Record<string, number>;
  /** Attacking upgrades the room refused (admission), by HTTP status. */
  refused: Record<string, number>;
  detail: string;
  error: string | null;
}

const FACTORIES: Record<AttackId, () => Attack> = {
  'slow-readers': slowReaders,
  replay: replayAmplification,
  hoard: socketHoard,
  'accept-storm': acceptStorm,
};

/** Runs each attack in turn, each against its own fresh server; `onServer` tracks it for Ctrl-C. */
export async function runHostile(
  options: HostileOptions,
  log: (message: string) => void,
  onServer: (server: DevServer | null) => void,
): Promise<HostileResult[]> {
  const results: HostileResult[] = [];
  for (const id of options.attacks) {
    const attack = FACTORIES[id]();
    log(`hostile: ${attack.title} (fresh room)…`);
    let server: DevServer | null = null;
    try {
      server = await startDevServer({
        startupTimeoutMs: 90_000,
        config: options.wranglerConfig,
        productionRateLimit: true,
        onSpawn: onServer,
      });
      results.push(await runAttack(server, attack, options, log));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`hostile: ${id} failed: ${message}`);
      results.push(emptyResult(attack, message, server?.exited ? 'room died' : 'not measured'));
    } finally {
      for (const attacker of attack.attackers) attacker.kill();
      attack.cleanup();
      await server?.stop();
      onServer(null);
    }
  }
  return results;
}

async function runAttack(
  server: DevServer,
  attack: Attack,
  options: HostileOptions,
  log: (message: string) => void,
): Promise<HostileResult> {
  const { room, proxy } = server.workerd();
  if (!room) throw new Error("the room's workerd was not found");
  const ctx: AttackContext = { url: server.wsUrl, timeoutMs: 30_000, log };
  const groupOptions: ClientGroupOptions = {
    url: server.wsUrl,
    deflate: false,
    lean: false,
    joinTimeoutMs: 30_000,
  };
  const warm = new ClientGroup(groupOptions);
  await warm.connect('warmup');
  await warm.closeAll(5_000);
  await withTimeout(attack.prepare(ctx), PREPARE_TIMEOUT_MS, `preparing ${attack.id}`);
  const chat = new OrdinaryChat(groupOptions, {
    clients: options.ordinaryClients,
    ratePerSec: options.ordinaryRate,
    maxMessages: Math.ceil((options.ordinaryRate * options.durationMs) / 1000) + 1,
    tag: 'ho',
  });
  const pids = [room.pid, ...(proxy ? [proxy.pid] : [])];
  const sampler = RssSampler.start(pids, 50);
  let outcome: HostileResult['outcome'] = 'survived';
  const stop = new AbortController();
  const guard = setInterval(() => {
    const roomNow = readProc(room.pid);
    if (server.exited || !roomNow) outcome = 'room died';
    else if (pids.some((pid) => (readProc(pid)?.rssKiB ?? 0) > RSS_CAP_KIB))
      outcome = 'stopped at the RSS cap';
    if (outcome !== 'survived') stop.abort();
  }, GUARD_EVERY_MS);
  try {
    await chat.join(10);
    await sampler.ready();
    const baselineFrom = now();
    await sleep(BASELINE_MS);
    const from = now();
    chat.start();
    await settledWithin(
      [attack.run(ctx, from + options.durationMs, stop.signal)],
      options.durationMs + 15_000,
    );
    const attackEnd = now();
    stop.abort();
    const chatResult = await chat.stop(outcome === 'survived' ? DRAIN_MS : 1_000);
    const closed = await Promise.all(attack.attackers.map((a) => a.settle(SETTLE_MS)));
    const series = await sampler.stop();
    const roomWindow = rssWindow(series, 0, baselineFrom, from, now());
    const proxyWindow = proxy ? rssWindow(series, 1, baselineFrom, from, now()) : null;
    const closeCodes: Record<string, number> = {};
    for (const attacker of attack.attackers) {
      if (attacker.closedWith === null) continue;
      closeCodes[attacker.closedWith] = (closeCodes[attacker.closedWith] ?? 0) + 1;
    }
    return {
      attack: attack.id,
      title: attack.title,
      outcome,
      seconds: options.durationMs / 1000,
      elapsedSec: (attackEnd - from) / 1000,
      room: {
        beforeMiB: roomWindow.beforeKiB / 1024,
        peakMiB: roomWindow.peakKiB / 1024,
        growthMiB: (roomWindow.peakKiB - roomWindow.beforeKiB) / 1024,
      },
      proxyGrowthMiB: proxyWindow ? (proxyWindow.peakKiB - proxyWindow.beforeKiB) / 1024 : Number.NaN,
      chat: chatResult,
      attackers: attack.attackers.length,
      attackersClosed: closed.filter(Boolean).length,
      closeCodes,
      refused: { ...attack.refused?.() },
      detail: attack.detail(),
      error: null,
    };
  } finally {
    clearInterval(guard);
    stop.abort();
    await sampler.stop();
    await chat.group.closeAll(5_000);
  }
}

function emptyResult(attack: Attack, error: string, outcome: HostileResult['outcome']): HostileResult {
  return {
    attack: attack.id,
    title: attack.title,
    outcome,
    seconds: 0,
    elapsedSec: 0,
    room: { beforeMiB: Number.NaN, peakMiB: Number.NaN, growthMiB: Number.NaN },
    proxyGrowthMiB: Number.NaN,
    chat: null,
    attackers: attack.attackers.length,
    attackersClosed: 0,
    closeCodes: {},
    refused: { ...attack.refused?.() },
    detail: attack.detail(),
    error,
  };
}
