// `npm run bench -- --client-cost`: what a busy room costs the real client. The built client runs
// in Chromium (playwright-core) as one member of a room whose other members are bench clients
// (clients.ts); they send Lobby messages at a steady rate and the page's main thread busy share is
// read from the DevTools Performance metrics (TaskDuration) over the window. Target: < 50 % at
// 100 messages/s in a room of 1,000. A second, shorter window runs under the V8 profiler to say
// where the page's time goes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { benchNames, ClientGroup } from './clients';
import { type CpuProfile, type HotFunction, hotFunctions, renderProfile } from './lab/profiler';
import type { BenchOptions } from './options';
import { RESULTS_DIR, RUN_STAMP } from './results-dir';
import { messageText, parseSeq } from './scenarios/message-text';
import { type DevServer, startDevServer } from './server';
import { formatNumber as fmt, renderTable } from './table';
import { now, sleep } from './time';

/** Lobby messages per second, over all senders: the busy room. */
export const CLIENT_COST_RATE = 100;
/** The page's main thread must stay below this share busy. */
export const CLIENT_COST_TARGET = 0.5;
const WARM_UP_MS = 2_000;
const PROFILE_MS = 5_000;
const TAG = 'cc';

/** Shares of the window's wall time the page's main thread spent, by DevTools' metric. */
export interface MainThreadShares {
  /** Every task on the main thread (TaskDuration), in wall time: the busy share. */
  busy: number;
  /**
   * The main thread's CPU time (ThreadTime). On a loaded machine a task's wall time includes the
   * time the thread waited for a core, so `busy` overstates the page's own cost; this does not.
   */
  cpu: number;
  /** The whole renderer process's CPU time (ProcessTime): the main thread plus compositor, workers, GC threads. */
  processCpu: number;
  script: number;
  layout: number;
  style: number;
}

export interface ClientCostResult {
  members: number;
  ratePerSec: number;
  seconds: number;
  sent: number;
  /** The last bench message the page's log showed at the end of the window, or null for none. */
  lastShown: number | null;
  shares: MainThreadShares;
  /** The machine's 1-minute load average at the start and the end of the window. */
  load: [number, number];
  profileFile: string;
  hot: HotFunction[];
}

type Metrics = Map<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((m) => [m.name, m.value]));
}

function shares(before: Metrics, after: Metrics, wallMs: number): MainThreadShares {
  const share = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / (wallMs / 1000);
  return {
    busy: share('TaskDuration'),
    cpu: share('ThreadTime'),
    processCpu: share('ProcessTime'),
    script: share('ScriptDuration'),
    layout: share('LayoutDuration'),
    style: share('RecalcStyleDuration'),
  };
}

/** Sends bench messages from rotating members at `rate` per second until `stop` is set. */
function startSending(group: ClientGroup, rate: number): { stop: () => Promise<number> } {
  let stopped = false;
  let seq = 0;
  const running = (async () => {
    const start = now();
    while (!stopped) {
      const due = start + (seq * 1000) / rate;
      if (due > now()) await sleep(due - now());
      const sender = group.clients[(seq * 7) % group.clients.length];
      if (!sender) throw new Error('the client-cost scenario needs bench clients');
      void sender.sendPublic(messageText(TAG, seq)).catch(() => undefined);
      seq++;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return seq;
    },
  };
}

/** The highest bench sequence number among the rows of the page's Lobby log. */
async function lastShown(page: Page): Promise<number | null> {
  const texts = await page.evaluate(() =>
    [...(document.querySelector('[role="log"]')?.children ?? [])].map((row) => row.textContent ?? ''),
  );
  let last: number | null = null;
  for (const text of texts) {
    const at = text.indexOf(`${TAG}:`);
    const seq = at >= 0 ? parseSeq(TAG, text.slice(at)) : null;
    if (seq !== null && (last === null || seq > last)) last = seq;
  }
  return last;
}

async function measure(server: DevServer, options: BenchOptions): Promise<ClientCostResult> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (set CHROMIUM_PATH)');
  const group = new ClientGroup({ url: server.wsUrl, deflate: false, lean: true, joinTimeoutMs: 60_000 });
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
  try {
    const members = options.largeN;
    const joined = await group.connectMany(benchNames('cc', members - 1), options.joinConcurrency);
    if (joined.failed > 0)
      throw new Error(`${joined.failed} bench clients failed to join: ${joined.firstError}`);
    const page = await (await browser.newContext()).newPage();
    await page.goto(server.origin, { timeout: 60_000 });
    await page.getByRole('textbox', { name: 'Username', exact: true }).fill('watcher');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByRole('tab', { name: 'Lobby', exact: true }).waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sending = startSending(group, CLIENT_COST_RATE);
    await sleep(WARM_UP_MS);
    const loadBefore = loadavg()[0] ?? 0;
    const before = await metrics(cdp);
    const start = now();
    await sleep(options.latencyMs);
    const after = await metrics(cdp);
    const wallMs = now() - start;
    const loadAfter = loadavg()[0] ?? 0;
    // A second window under the profiler, apart: sampling costs the page time of its own.
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1_000 });
    await cdp.send('Profiler.start');
    await sleep(PROFILE_MS);
    const { profile } = await cdp.send('Profiler.stop');
    const sent = await sending.stop();
    mkdirSync(RESULTS_DIR, { recursive: true });
    const profileFile = join(RESULTS_DIR, `${RUN_STAMP}-client-cost.cpuprofile`);
    writeFileSync(profileFile, JSON.stringify(profile));
    const sampled: CpuProfile = {
      nodes: profile.nodes,
      samples: profile.samples ?? [],
      timeDeltas: profile.timeDeltas ?? [],
      startTime: profile.startTime,
      endTime: profile.endTime,
    };
    return {
      members,
      ratePerSec: CLIENT_COST_RATE,
      seconds: wallMs / 1000,
      sent,
      lastShown: await lastShown(page),
      shares: shares(before, after, wallMs),
      load: [loadBefore, loadAfter],
      profileFile,
      hot: hotFunctions(sampled, 15),
    };
  } finally {
    await browser.close().catch(() => undefined);
    await group.closeAll(10_000);
  }
}

export function renderClientCost(r: ClientCostResult): string {
  const pct = (x: number) => `${fmt(100 * x, 1)} %`;
  const table = renderTable(
    ['measure', 'value', 'target'],
    [
      ['main thread busy (TaskDuration, wall time)', pct(r.shares.busy), `< ${pct(CLIENT_COST_TARGET)}`],
      ['main thread CPU (ThreadTime)', pct(r.shares.cpu), ''],
      ['renderer process CPU (ProcessTime)', pct(r.shares.processCpu), ''],
      ['of which script', pct(r.shares.script), ''],
      ['of which style recalculation', pct(r.shares.style), ''],
      ['of which layout', pct(r.shares.layout), ''],
    ],
  );
  const verdict = r.shares.busy < CLIENT_COST_TARGET ? 'meets the target' : 'MISSES the target';
  const behind = r.lastShown === null ? 'no bench message in the log' : `${r.sent - 1 - r.lastShown} behind`;
  return [
    `Client cost in Chromium: ${r.members} members, ${r.ratePerSec} Lobby messages/s, ${fmt(r.seconds, 1)} s window: ${verdict}`,
    table,
    `- the page's log at the end: last bench message shown ${r.lastShown ?? '–'} of ${r.sent} sent (${behind})`,
    `- load average (1 min): ${fmt(r.load[0], 2)} at the start, ${fmt(r.load[1], 2)} at the end; on a ` +
      'loaded machine the wall-time busy share includes waiting for a core, the CPU rows do not',
    '',
    renderProfile('client cost (the page)', r.profileFile, r.hot).replace("the room's isolate", 'the page'),
  ].join('\n');
}

/** `--client-cost` alone: its own wrangler dev (with the built client), its own report and results file. */
export async function clientCostMain(
  options: BenchOptions,
  onServer: (server: DevServer | null) => void,
): Promise<ClientCostResult> {
  const server = await startDevServer({
    startupTimeoutMs: 60_000,
    config: options.wranglerConfig,
    onSpawn: onServer,
  });
  try {
    const result = await measure(server, options);
    writeFileSync(join(RESULTS_DIR, `${RUN_STAMP}-client-cost.json`), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    onServer(null);
    await server.stop();
  }
}
