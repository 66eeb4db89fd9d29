// Runs the app with `wrangler dev` on a given port and persistence directory, for browser tests
// and tools that need a real server. It can be stopped and started again on the same port and
// state (the reconnect test), and never leaves wrangler or workerd behind (see process-group.ts).

import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { type GroupGuard, groupAlive, guardGroup, stopGroup } from './process-group';

export interface WranglerDevOptions {
  port: number;
  persistDir: string;
  /** Project root holding wrangler.toml; defaults to the current directory. */
  cwd?: string;
  /**
   * Serve static assets from here instead of wrangler.toml's directory: a snapshot keeps a run
   * consistent while someone rebuilds dist/client (wrangler dev reloads when its assets change).
   */
  assetsDir?: string;
  /**
   * Another wrangler config than `cwd`'s wrangler.toml (`-c`), e.g. one whose worker is already
   * bundled (prebuilt-worker.ts).
   */
  config?: string;
  /** Extra `--var NAME:VALUE` bindings. */
  vars?: Record<string, string>;
  /** How long to wait for GET /api/health after starting; generous for a busy 2-core machine. */
  readyTimeoutMs?: number;
}

const OUTPUT_LINES_KEPT = 80;

export class WranglerDev {
  readonly url: string;
  private child: ChildProcess | null = null;
  private guard: GroupGuard | null = null;
  private exited: Promise<void> | null = null;
  private output: string[] = [];
  /** Set while stop() runs, so that an exit it causes is not reported as a crash. */
  private stopping = false;

  constructor(private readonly options: WranglerDevOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The last lines wrangler printed, for error messages. */
  get recentOutput(): string {
    return this.output.join('\n');
  }

  /** Starts wrangler dev and resolves once GET /api/health answers. */
  async start(): Promise<void> {
    if (this.child) throw new Error('wrangler dev is already running');
    const cwd = this.options.cwd ?? process.cwd();
    const args = [
      resolve(cwd, 'node_modules/wrangler/bin/wrangler.js'),
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.options.port),
      '--persist-to',
      this.options.persistDir,
      ...(this.options.config ? ['--config', this.options.config] : []),
      ...(this.options.assetsDir ? ['--assets', this.options.assetsDir] : []),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...Object.entries(this.options.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ];
    this.output = [];
    // Its own process group, so that stopping it takes workerd down too.
    const child = spawn(process.execPath, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_SEND_METRICS: 'false',
        NO_COLOR: '1',
        FORCE_COLOR: '0',
      },
    });
    if (child.pid === undefined) throw new Error('could not spawn wrangler dev');
    this.child = child;
    this.guard = guardGroup(child.pid);
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > OUTPUT_LINES_KEPT)
        this.output.splice(0, this.output.length - OUTPUT_LINES_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const state: { exit: number | string | null } = { exit: null };
    this.exited = new Promise((done) => {
      child.once('exit', (code, signal) => {
        state.exit = code ?? signal;
        // A server that dies under the tests fails them with connection errors; say why, once.
        if (!this.stopping) {
          process.stderr.write(
            `wrangler dev exited unexpectedly (${state.exit}); its last output:\n${this.recentOutput}\n`,
          );
        }
        done();
      });
    });

    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 90_000);
    for (;;) {
      if (state.exit !== null) {
        const output = this.recentOutput;
        await this.stop();
        throw new Error(`wrangler dev exited (${state.exit}) before it was ready:\n${output}`);
      }
      if (await this.healthy()) return;
      if (Date.now() > deadline) {
        const output = this.recentOutput;
        await this.stop();
        throw new Error(`wrangler dev did not answer ${this.url}/api/health in time:\n${output}`);
      }
      await delay(200);
    }
  }

  /** Stops wrangler and workerd (the whole process group) and waits until both are gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const pgid = child.pid;
    this.guard?.release();
    this.guard = null;
    this.stopping = true;
    try {
      await stopGroup(pgid);
      await this.exited;
    } finally {
      this.stopping = false;
    }
    this.child = null;
    this.exited = null;
    if (groupAlive(pgid)) throw new Error(`wrangler dev's processes (group ${pgid}) are still running`);
  }

  /** Stop, then start again with the same port and persisted state. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) return false;
      const body = (await response.json()) as { ok?: unknown; service?: unknown };
      return body.ok === true && body.service === 'chatspace';
    } catch {
      return false;
    }
  }
}
