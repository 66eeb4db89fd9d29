// Starts the app with `wrangler dev` on a random free 127.0.0.1 port and a fresh state directory,
// waits for GET /api/health, finds its workerd processes, and stops the whole process group.
// It runs a snapshot of worker/ and dist/client taken at start: wrangler reloads the worker, dropping
// every socket, whenever those files change, and parallel sessions edit and rebuild them.

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, type ProcInfo, processTree } from './proc-stats';
import { now, sleep } from './time';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER_BIN = join(REPO_ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
/** Ports other sessions use for their own `wrangler dev`. */
const RESERVED_PORTS = new Set([8787, 8799, 9229]);
const LOG_LINES_KEPT = 200;
/** Far above any scenario's socket count (1,000 members, or a 400-socket hoard plus a room). */
const BENCH_SOCKETS_PER_IP = 100_000;

/** The last lines wrangler printed, and counts of the room's error events among all of them. */
export class LogTail {
  readonly lines: string[] = [];
  internalErrors = 0;
  total = 0;
  private partial = '';

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.total++;
      if (line.includes('"internal_error"')) this.internalErrors++;
      this.lines.push(line);
      if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
    }
  }
}

export interface WorkerdProcesses {
  /** The workerd that runs the worker and the ChatRoom DO. */
  room: ProcInfo | null;
  /** wrangler's dev proxy: a second workerd that listens on our port and relays to the room. */
  proxy: ProcInfo | null;
}

export class DevServer {
  readonly origin: string;
  readonly wsUrl: string;
  private stopping: Promise<void> | null = null;
  private killed = false;

  constructor(
    readonly port: number,
    /** wrangler's DevTools inspector proxy, for `--profile`. */
    readonly inspectorPort: number,
    private readonly child: ChildProcess,
    private readonly stateDir: string,
    readonly logs: LogTail,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws`;
  }

  get pid(): number {
    const { pid } = this.child;
    if (pid === undefined) throw new Error('the server process did not start');
    return pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Every process wrangler started: its node processes, workerd and esbuild. */
  processes(): ProcInfo[] {
    return this.exited ? [] : processTree(this.pid);
  }

  workerd(): WorkerdProcesses {
    const all = this.processes().filter((p) => p.comm === 'workerd');
    const isProxy = (p: ProcInfo) => p.cmdline.includes(`entry=127.0.0.1:${this.port} `);
    return { room: all.find((p) => !isProxy(p)) ?? null, proxy: all.find(isProxy) ?? null };
  }

  /** Stops wrangler and everything it started (its own process group), then removes the state. */
  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  /** Last resort from an `exit` handler: no waiting, SIGKILL to our group and known pids. */
  killNow(): void {
    if (this.killed) return;
    this.killed = true;
    const pids = this.processes().map((p) => p.pid);
    signalGroup(this.pid, 'SIGKILL');
    for (const pid of pids) signalPid(pid, 'SIGKILL');
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  private async stopNow(): Promise<void> {
    const pids = this.processes().map((p) => p.pid);
    signalGroup(this.pid, 'SIGTERM');
    const end = now() + 5_000;
    while (now() < end && pids.some(isAlive)) await sleep(100);
    const stragglers = pids.filter(isAlive);
    if (stragglers.length > 0) {
      signalGroup(this.pid, 'SIGKILL');
      for (const pid of stragglers) signalPid(pid, 'SIGKILL');
    }
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}

/** A port the OS says is free on 127.0.0.1 right now, never one that other sessions use. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && !RESERVED_PORTS.has(port)) return port;
  }
  throw new Error('no free port found');
}

/**
 * Copies the app into `dir`: the wrangler config, worker/ and the client build, with node_modules
 * linked. Returns the config path. `configPath` may name a variant whose folder has its own worker/.
 */
function snapshotApp(dir: string, configPath: string): string {
  const root = dirname(configPath);
  const builtAssets = join(REPO_ROOT, 'dist', 'client');
  if (!existsSync(builtAssets)) throw new Error('dist/client is missing: run `npm run build` first');
  const toml = readFileSync(configPath, 'utf8');
  if (!/^main\s*=\s*"worker\//m.test(toml)) throw new Error(`${configPath}: main must be under worker/`);
  cpSync(join(root, 'worker'), join(dir, 'worker'), { recursive: true });
  cpSync(builtAssets, join(dir, 'dist', 'client'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const config = join(dir, basename(configPath));
  writeFileSync(config, toml.replace(/^directory\s*=.*$/m, 'directory = "dist/client"'));
  return config;
}

/**
 * Runs `wrangler dev` (the same as `npx wrangler dev`, minus the npx wrapper) with a rate limit
 * high enough not to interfere (unless `productionRateLimit`) and the per-IP socket and member caps raised,
 * and resolves once GET /api/health answers.
 */
export async function startDevServer(options: {
  startupTimeoutMs: number;
  /** A wrangler config other than the repository's wrangler.toml. */
  config?: string | null;
  /** Called as soon as wrangler is spawned, before it is ready. */
  onSpawn?: (server: DevServer) => void;
  /** Keep wrangler.toml's per-socket rate limit instead of raising it (the hostile scenario). */
  productionRateLimit?: boolean;
  /** More `--var NAME:value` settings (e.g. ROOM_SHARDS for wrangler.sharded.toml). */
  vars?: Readonly<Record<string, string>>;
}): Promise<DevServer> {
  const rateLimit = options.productionRateLimit
    ? []
    : ['--var', 'RATE_LIMIT_PER_SEC:100000', '--var', 'RATE_LIMIT_BURST:100000'];
  const port = await freePort();
  const inspectorPort = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'chatspace-bench-'));
  let config: string;
  try {
    config = snapshotApp(join(stateDir, 'app'), resolve(options.config ?? join(REPO_ROOT, 'wrangler.toml')));
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(
    process.execPath,
    [
      WRANGLER_BIN,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      join(stateDir, 'state'),
      '--config',
      config,
      ...rateLimit,
      ...Object.entries(options.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      // Every bench socket comes from 127.0.0.1: a per-IP socket cap must not count them as one
      // client. Harmless where the worker has no such cap.
      '--var',
      `MAX_SOCKETS_PER_IP:${BENCH_SOCKETS_PER_IP}`,
      // The large group (1,000 clients and more) must not meet the member cap either.
      '--var',
      `MAX_MEMBERS:${BENCH_SOCKETS_PER_IP}`,
      '--show-interactive-dev-session=false',
      // wrangler printing a line per request and log costs a quarter of a core during a big join;
      // that cost is local only (deployed logs are shipped asynchronously).
      '--log-level',
      'warn',
    ],
    {
      cwd: dirname(config),
      // Its own process group, so stop() reaches workerd and esbuild too, and only them.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    },
  );
  const logs = new LogTail();
  // Always drain both pipes: a full pipe would stall wrangler and, through it, the room's logs.
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => logs.push(chunk));
  const server = new DevServer(port, inspectorPort, child, stateDir, logs);
  options.onSpawn?.(server);
  try {
    await waitForHealth(server, options.startupTimeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(server: DevServer, timeoutMs: number): Promise<void> {
  const end = now() + timeoutMs;
  while (now() < end) {
    if (server.exited) {
      throw new Error(`wrangler dev exited during start-up:\n${server.logs.lines.slice(-20).join('\n')}`);
    }
    try {
      const response = await fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        const body = (await response.json()) as { ok?: unknown };
        if (body.ok === true && server.workerd().room) return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`wrangler dev did not answer /api/health within ${timeoutMs} ms`);
}
