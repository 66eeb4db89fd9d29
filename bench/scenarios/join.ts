// Scenario 1: N clients connect, finish the key exchange and join, with a bounded number of
// handshakes in flight. Measures the wall time until all have `joined`, and until every roster shows N.

import { benchNames, type ClientGroup } from '../clients';
import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { DevServer } from '../server';
import { now, waitUntil } from '../time';

export interface JoinResult {
  n: number;
  joined: number;
  failed: number;
  firstError: string | null;
  concurrency: number;
  /** From the first connect to the last `joined`. */
  joinSec: number;
  /** From the first connect until every client's roster shows N; null if that never happened. */
  rosterSec: number | null;
  /** Presence frames the clients received (and decrypted) while joining: the roster's fan-out. */
  presenceFrames: number;
  cpu: CpuShares;
}

export async function runJoin(
  server: DevServer,
  group: ClientGroup,
  options: { n: number; prefix: string; concurrency: number; rosterTimeoutMs: number },
): Promise<JoinResult> {
  const names = benchNames(options.prefix, options.n);
  group.watchRoster(options.n);
  const presenceBefore = group.presenceFrames;
  const stopMeter = startCpuMeter(server);
  const start = now();
  const outcome = await group.connectMany(names, options.concurrency);
  const lastJoined = Math.max(...group.clients.map((c) => c.joinedAt));
  const rosterDone = await waitUntil(
    () => outcome.failed === 0 && group.rosterFullCount === group.clients.length,
    outcome.failed === 0 ? options.rosterTimeoutMs : 0,
  );
  const cpu = stopMeter();
  return {
    n: options.n,
    joined: outcome.joined,
    failed: outcome.failed,
    firstError: outcome.firstError,
    concurrency: options.concurrency,
    joinSec: (lastJoined - start) / 1000,
    rosterSec: rosterDone ? (group.lastRosterFullAt - start) / 1000 : null,
    presenceFrames: group.presenceFrames - presenceBefore,
    cpu,
  };
}
