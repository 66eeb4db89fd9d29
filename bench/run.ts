// `npm run bench`: starts the app with `wrangler dev`, drives it with the headless client core,
// prints the results against the issue's targets and writes them to bench/results/<timestamp>.json.
// The hostile-client attacks come last, each against its own fresh wrangler dev.

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { clientCostMain, renderClientCost } from './client-cost';
import { type ProfileSummary, renderProfile } from './lab/profiler';
import { type BenchOptions, parseOptions, USAGE } from './options';
import { type Results, renderResults, resultRows } from './report';
import { contentionWarning, cpuPhases, renderCpu } from './report-cpu';
import { hostileFailures, renderHostile } from './report-hostile';
import { fanoutDetail, fileDetail, joinDetail, latencyDetail, notes } from './report-notes';
import { writeResults } from './results-dir';
import { runRooms } from './rooms';
import { renderRooms, roomsFailures } from './rooms-report';
import { type HostileResult, runHostile } from './scenarios/hostile';
import { log, runSequence } from './sequence';
import { type DevServer, REPO_ROOT, startDevServer } from './server';
import { runSharded } from './sharded';
import { renderSharded } from './sharded-report';
import type { Row } from './table';
import { runVersus } from './versus';
import { renderVersus } from './versus-report';

/** The wrangler dev running now: the shared one, or one attack's fresh room. */
let server: DevServer | null = null;

/** Which code was measured: the commit and the files under worker/ that differ from it. */
function codeVersion(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--', 'worker', 'wrangler.toml');
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommitted: changed ? changed.split('\n') : [] };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

async function shutdown(): Promise<void> {
  const running = server;
  server = null;
  await running?.stop();
}

interface MainRun {
  results: Results;
  rows: Row[];
  phases: ReturnType<typeof cpuPhases>;
  noteLines: string[];
}

/** Every scenario but the hostile one, against one shared wrangler dev. */
async function runMain(
  options: BenchOptions,
  cores: number,
  errors: string[],
  profiles: ProfileSummary[],
): Promise<MainRun> {
  const dev = await startDevServer({
    startupTimeoutMs: 60_000,
    config: options.wranglerConfig,
    // Known from the moment it is spawned, so that Ctrl-C during start-up stops it too.
    onSpawn: (spawned) => {
      server = spawned;
    },
  });
  const { room, proxy } = dev.workerd();
  log(
    `wrangler dev on ${dev.origin} (pid ${dev.pid}; room workerd ${room?.pid}, proxy workerd ${proxy?.pid})`,
  );
  let results: Results;
  try {
    results = await runSequence(dev, options, errors, profiles);
  } finally {
    await shutdown();
  }
  for (const { phase: name, cpu } of cpuPhases(results)) {
    if (cpu.restarted) {
      errors.push(
        `the room's workerd restarted during "${name}" (wrangler reloaded the worker: did a file under ` +
          'worker/ change?); every socket dropped, so this run is not valid',
      );
    }
  }
  if (dev.logs.internalErrors > 0) errors.push(`the room logged ${dev.logs.internalErrors} internal errors`);
  const noteLines = [
    ...notes(options, cores),
    ...joinDetail(results),
    ...fanoutDetail(results),
    ...latencyDetail(results),
    ...fileDetail(results),
    ...contentionWarning(results),
  ];
  return { results, rows: resultRows(results, options), phases: cpuPhases(results), noteLines };
}

/** What every results file starts with: the command, when, which code, and on what machine. */
function runHeader(
  command: string,
  startedAt: Date,
  options: BenchOptions,
  machine: object,
  code = codeVersion(),
) {
  return { command, startedAt, code, node: process.version, machine, options };
}

/** `--versus` alone: its own servers (bench/versus.ts), its own table and results file. */
async function versusMain(options: BenchOptions, command: string, version: string): Promise<number> {
  const startedAt = new Date();
  const { systems, runs } = await runVersus(options, `new ${codeVersion().commit}`, (running) => {
    server = running;
  });
  console.log(`\nChatSpace next to a plain relay: ${command} (${startedAt.toISOString()}, ${version})\n`);
  console.log(renderVersus(systems, runs));
  const machine = { cores: cpus().length, cpuModel: cpus()[0]?.model, loadAfter: loadavg() };
  writeResults('-versus', { ...runHeader(command, startedAt, options, machine), systems, runs });
  return 0;
}

/** `--sharded` alone: the normal room and the sharded prototype (bench/sharded.ts), its own results file. */
async function shardedMain(options: BenchOptions, command: string, version: string): Promise<number> {
  const startedAt = new Date();
  const runs = await runSharded(options, options.shardCounts, (running) => {
    server = running;
  });
  console.log(`\nOne room, unsharded and sharded: ${command} (${startedAt.toISOString()}, ${version})\n`);
  console.log(renderSharded(runs));
  const machine = { cores: cpus().length, cpuModel: cpus()[0]?.model, loadAfter: loadavg() };
  writeResults('-sharded', { ...runHeader(command, startedAt, options, machine), runs });
  const faulty = runs.some(
    (run) => run.faults && run.faults.duplicates + run.faults.gaps + run.faults.errors > 0,
  );
  return faulty ? 1 : 0;
}

/** `--rooms` alone: many rooms against one (bench/rooms.ts), its own table and results file. */
async function roomsMain(options: BenchOptions, command: string, version: string): Promise<number> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const { shape, runs } = await runRooms(options, (running) => {
    server = running;
  });
  const loadAfter = loadavg();
  console.log(`\nMany rooms against one: ${command} (${startedAt.toISOString()}, ${version})\n`);
  console.log(renderRooms(runs));
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`- load average (1, 5, 15 min): before ${load(loadBefore)}, after ${load(loadAfter)}`);
  const failures = roomsFailures(runs);
  for (const failure of failures) console.log(`! ${failure}`);
  const machine = { cores: cpus().length, cpuModel: cpus()[0]?.model, loadBefore, loadAfter };
  writeResults('-rooms', { ...runHeader(command, startedAt, options, machine), shape, runs });
  return failures.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const watchdog = setTimeout(() => {
    console.error(`[bench] overall timeout of ${options.timeoutMs / 1000} s reached; stopping.`);
    server?.killNow();
    process.exit(3);
  }, options.timeoutMs);
  watchdog.unref();

  const startedAt = new Date();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const cores = cpus().length;
  const loadBefore = loadavg();
  const hostile = options.hostileAttacks.length > 0 ? `; attacks: ${options.hostileAttacks.join(', ')}` : '';
  const scope = options.rooms
    ? `many rooms against one${options.quick ? ' (quick)' : ''}`
    : options.shardCounts.length > 0
      ? `the normal room and K = ${options.shardCounts.join(', ')} shards, ${options.largeN} clients`
      : options.clientCost
        ? `the client's cost in Chromium, ${options.largeN} members`
        : options.versus
          ? `versus a plain relay${options.versusOld ? ` and ${options.versusOld}` : ''}, ${options.versusRepeat} run(s) each, ${options.smallN} and ${options.largeN} clients`
          : options.hostileOnly
            ? 'hostile clients only'
            : options.filesOnly
              ? `file scenarios only (${options.fileChatClients} chat clients)`
              : `${options.smallN} and ${options.largeN} clients`;
  log(`${command}: ${scope}${hostile} on ${cores} cores (load ${loadBefore[0]?.toFixed(2)})`);
  const code = codeVersion();
  log(
    `measuring a snapshot of worker/ at ${code.commit}` +
      (code.uncommitted.length ? ` plus ${code.uncommitted.length} uncommitted change(s)` : ''),
  );

  const version = `worker/ at ${code.commit}${code.uncommitted.length ? ` + ${code.uncommitted.length} uncommitted change(s)` : ''}`;
  if (options.versus) {
    try {
      return await versusMain(options, command, version);
    } finally {
      await shutdown();
      clearTimeout(watchdog);
    }
  }

  if (options.rooms) {
    try {
      return await roomsMain(options, command, version);
    } finally {
      await shutdown();
      clearTimeout(watchdog);
    }
  }

  if (options.shardCounts.length > 0) {
    try {
      return await shardedMain(options, command, version);
    } finally {
      await shutdown();
      clearTimeout(watchdog);
    }
  }

  if (options.clientCost) {
    try {
      const result = await clientCostMain(options, (running) => {
        server = running;
      });
      console.log(`\n${renderClientCost(result)}`);
      return 0;
    } finally {
      await shutdown();
      clearTimeout(watchdog);
    }
  }

  const errors: string[] = [];
  const profiles: ProfileSummary[] = [];
  let main: MainRun | null = null;
  let hostileResults: HostileResult[] = [];
  try {
    if (!options.hostileOnly) main = await runMain(options, cores, errors, profiles);
    if (options.hostileAttacks.length > 0) {
      hostileResults = await runHostile(
        {
          attacks: options.hostileAttacks,
          durationMs: options.hostileMs,
          ordinaryClients: 20,
          ordinaryRate: 10,
          wranglerConfig: options.wranglerConfig,
        },
        log,
        (running) => {
          server = running;
        },
      );
      errors.push(...hostileFailures(hostileResults));
    }
  } finally {
    await shutdown();
    clearTimeout(watchdog);
  }

  console.log(`\nChatSpace benchmark: ${command} (${startedAt.toISOString()}, ${version})\n`);
  if (main) {
    console.log(renderResults(main.rows));
    console.log(`\n${renderCpu(main.phases)}\n`);
    for (const line of main.noteLines) console.log(`- ${line}`);
  }
  if (hostileResults.length > 0)
    console.log(`\nHostile clients (issue 10)\n\n${renderHostile(hostileResults)}`);
  for (const { phase: name, file, hot } of profiles) console.log(`\n${renderProfile(name, file, hot)}`);
  for (const error of errors) console.log(`! ${error}`);

  const machine = {
    cores,
    cpuModel: cpus()[0]?.model,
    memGiB: totalmem() / 2 ** 30,
    loadBefore,
    loadAfter: loadavg(),
  };
  writeResults('', {
    ...runHeader(command, startedAt, options, machine, code),
    rows: main?.rows ?? [],
    cpu: main?.phases ?? [],
    results: main?.results ?? null,
    hostile: hostileResults,
    notes: main?.noteLines ?? [],
    profiles,
    errors,
  });
  return errors.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping wrangler dev`);
    void shutdown().finally(() => process.exit(130));
  });
}
process.once('exit', () => {
  server?.killNow();
});

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await shutdown();
    process.exit(1);
  },
);
