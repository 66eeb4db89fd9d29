// The order of a bench run: warm up the room, measure the small group (join, latency), then the
// large group (join, memory, fan-out with 1 and 10 senders, latency). A failed phase is recorded
// and the run goes on with what it has, so a partial table still comes out.

import { ClientGroup } from './clients';
import type { BenchOptions } from './options';
import { type ProfileSummary, profilePhase } from './profiler';
import type { Results } from './report';
import { runFanout } from './scenarios/fanout';
import { runJoin } from './scenarios/join';
import { runLatency } from './scenarios/latency';
import { memoryPerClient, sampleRss } from './scenarios/memory';
import type { DevServer } from './server';
import { sleep } from './time';

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Runs one phase; a failure is recorded and the run goes on with what it has. */
async function phase<T>(name: string, errors: string[], run: () => Promise<T>): Promise<T | null> {
  log(`${name}…`);
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push(`${name}: ${message}`);
    log(`${name} failed: ${message}`);
    return null;
  }
}

export async function runSequence(
  dev: DevServer,
  options: BenchOptions,
  errors: string[],
  profiles: ProfileSummary[],
): Promise<Results> {
  const results: Results = {
    joinSmall: null,
    latencySmall: null,
    joinLarge: null,
    memory: null,
    fanoutOne: null,
    fanoutTen: null,
    latencyLarge: null,
  };
  const groupOptions = {
    url: dev.wsUrl,
    deflate: options.deflate,
    lean: options.lean,
    joinTimeoutMs: 30_000,
  };
  const drainTimeoutMs = 10_000;

  // Warm-up: the first connection creates the room (key generation, SQLite) and compiles the code.
  const warm = new ClientGroup(groupOptions);
  await phase('warm-up', errors, () => warm.connect('warmup'));
  await warm.closeAll(5_000);

  const small = new ClientGroup(groupOptions);
  results.joinSmall = await phase(`join ${options.smallN}`, errors, () =>
    runJoin(dev, small, {
      n: options.smallN,
      prefix: 's',
      concurrency: options.joinConcurrency,
      rosterTimeoutMs: 15_000,
    }),
  );
  if (small.clients.length >= 2) {
    results.latencySmall = await phase(`latency at ${small.clients.length} clients`, errors, () =>
      runLatency(dev, small, {
        ratePerSec: options.latencyRate,
        durationMs: options.latencyMs,
        drainTimeoutMs,
        tag: 'ls',
      }),
    );
  }
  await small.closeAll(10_000);
  await sleep(1_500); // let the leaves flush before the memory baseline

  const before = sampleRss(dev);
  const large = new ClientGroup(groupOptions);
  results.joinLarge = await phase(`join ${options.largeN}`, errors, () =>
    profilePhase(dev, options.profile, profiles, `join ${options.largeN}`, () =>
      runJoin(dev, large, {
        n: options.largeN,
        prefix: 'l',
        concurrency: options.joinConcurrency,
        rosterTimeoutMs: 30_000,
      }),
    ),
  );
  await sleep(1_000);
  if (large.clients.length > 0)
    results.memory = memoryPerClient(large.clients.length, before, sampleRss(dev));
  if (large.clients.length >= 11) {
    results.fanoutOne = await phase('fan-out, 1 sender', errors, () =>
      profilePhase(dev, options.profile, profiles, 'fan-out 1 sender', () =>
        runFanout(dev, large, {
          senders: 1,
          inFlightPerSender: options.fanoutInFlight,
          durationMs: options.fanoutMs,
          drainTimeoutMs,
          tag: 'f1',
        }),
      ),
    );
    results.fanoutTen = await phase('fan-out, 10 senders', errors, () =>
      profilePhase(dev, options.profile, profiles, 'fan-out 10 senders', () =>
        runFanout(dev, large, {
          senders: 10,
          inFlightPerSender: Math.max(1, Math.round(options.fanoutInFlight / 10)),
          durationMs: options.fanoutMs,
          drainTimeoutMs,
          tag: 'f10',
        }),
      ),
    );
    results.latencyLarge = await phase(`latency at ${large.clients.length} clients`, errors, () =>
      runLatency(dev, large, {
        ratePerSec: options.latencyRate,
        durationMs: options.latencyMs,
        drainTimeoutMs,
        tag: 'll',
      }),
    );
  }
  for (const [label, group] of [
    ['small group', small],
    ['large group', large],
  ] as const) {
    for (const [kind, count] of group.problems) errors.push(`${label}: ${count} × ${kind}`);
  }
  await large.closeAll(15_000);
  return results;
}
