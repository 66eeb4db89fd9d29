// `--sharded`: the sequencer's share of a V8 profile of the worker's isolate (every Durable Object
// of one worker shares it locally). A sample is the sequencer's when, going up its stack from the
// leaf, the first frame that is a sequencer or a shard method (worker/shard/, names unique in the
// bundle) is the sequencer's: a local RPC to a shard may run nested under the sequencer's push, and
// that work is the shard's. Native work a method calls (SQLite, RPC serialisation) counts with it.

import type { CpuProfile } from './lab/profiler';

export const SEQUENCER_FUNCTIONS: ReadonlySet<string> = new Set([
  'submit',
  'range',
  'presence',
  'schedulePush',
  'pushTo',
  'entriesAfter',
  'readLog',
  'openLog',
]);

/** The fan-out shard's methods: a sequencer frame above one of these does not make the sample the sequencer's. */
export const SHARD_FUNCTIONS: ReadonlySet<string> = new Set([
  'deliver',
  'fanOut',
  'catchUp',
  'join',
  'say',
  'leave',
  'reportPresence',
  'keyset',
  'sendPrivate',
]);

/**
 * Milliseconds of samples whose nearest frame in `names` or `others` is in `names`; and all non-idle
 * milliseconds. Profile time is wall time of the isolate's thread: use the ratio, not the milliseconds.
 */
export function inclusiveMs(
  profile: CpuProfile,
  names: ReadonlySet<string>,
  others: ReadonlySet<string>,
): { matchedMs: number; busyMs: number } {
  const nodes = profile.nodes;
  const parent = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const matches = new Map<number, boolean>();
  const matched = (id: number): boolean => {
    const known = matches.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const name = node?.callFrame.functionName ?? '';
    const result = names.has(name) ? true : others.has(name) ? false : up !== undefined && matched(up);
    matches.set(id, result);
    return result;
  };
  let matchedUs = 0;
  let busyUs = 0;
  for (const [i, sample] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const name = byId.get(sample)?.callFrame.functionName;
    if (name === '(idle)') continue;
    busyUs += delta;
    if (matched(sample)) matchedUs += delta;
  }
  return { matchedMs: matchedUs / 1000, busyMs: busyUs / 1000 };
}
