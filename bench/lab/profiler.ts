// `--profile`: samples the worker's V8 isolate (where the ChatRoom DO runs) through wrangler's
// DevTools inspector during a phase, saves the .cpuprofile (open it in DevTools) and sums self
// time per function, so that "where does the room's time go" has an answer, not a guess.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { RESULTS_DIR, RUN_STAMP } from '../results-dir';
import type { DevServer } from '../server';
import { formatNumber as fmt, renderTable } from '../table';
import { withTimeout } from '../time';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  phase: string;
  /** The saved .cpuprofile. */
  file: string;
  hot: HotFunction[];
}

export class InspectorProfiler {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
      else waiter.resolve(message.result);
    });
  }

  /** Connects to wrangler's inspector proxy on 127.0.0.1:`port`. */
  static async connect(port: number): Promise<InspectorProfiler> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      }),
      10_000,
      'connecting to the inspector',
    );
    return new InspectorProfiler(socket);
  }

  private call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.nextId;
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
    });
    this.socket.send(JSON.stringify({ id, method, params }));
    return withTimeout(reply, 30_000, `inspector ${method}`);
  }

  async start(intervalUs: number): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.call('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    return (await this.call<{ profile: CpuProfile }>('Profiler.stop')).profile;
  }

  /** A full garbage collection of the isolate (for `--gc-probe`). */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  close(): void {
    this.socket.close();
  }
}

/** Self time per function (summed over call sites), largest first; idle time is left out. */
export function hotFunctions(profile: CpuProfile, count: number): HotFunction[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  for (const [i, sample] of profile.samples.entries()) {
    const frame = byNode.get(sample);
    const delta = profile.timeDeltas[i + 1] ?? 0;
    if (!frame || frame.functionName === '(idle)') continue;
    totalUs += delta;
    const file = frame.url.split('/').slice(-2).join('/');
    const where = file ? `${file}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = selfUs.get(key) ?? { name: frame.functionName || '(anonymous)', where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  }
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({
      name: e.name,
      where: e.where,
      selfMs: e.us / 1000,
      percent: (100 * e.us) / Math.max(1, totalUs),
    }));
}

/**
 * Runs `run`; when `enabled`, under the profiler, saving the profile next to the results and
 * adding its summary to `out`.
 */
export async function profilePhase<T>(
  server: DevServer,
  enabled: boolean,
  out: ProfileSummary[],
  phase: string,
  run: () => Promise<T>,
): Promise<T> {
  if (!enabled) return run();
  const profiler = await InspectorProfiler.connect(server.inspectorPort);
  try {
    await profiler.start(250);
    const result = await run();
    const profile = await profiler.stop();
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${RUN_STAMP}-${phase.replace(/\W+/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    out.push({ phase, file, hot: hotFunctions(profile, 15) });
    return result;
  } finally {
    profiler.close();
  }
}

/** The hot functions of one phase's profile, as a table for the report. */
export function renderProfile(phase: string, file: string, hot: readonly HotFunction[]): string {
  const table = renderTable(
    ['Self time', '%', 'Function', 'Where'],
    hot.map((h) => [`${fmt(h.selfMs)} ms`, `${fmt(h.percent, 1)} %`, h.name, h.where]),
  );
  return `V8 profile of the room's isolate during "${phase}" (${file}):\n${table}`;
}
