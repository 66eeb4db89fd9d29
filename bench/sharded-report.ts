// `--sharded`: the table of bench/sharded.ts's runs, the normal room first, and what each column is.

import type { ShardedRun } from './sharded';
import { formatNumber as fmt, renderTable } from './table';

export function renderSharded(runs: readonly ShardedRun[]): string {
  const rows = runs.map((run) => [
    run.shards === 0 ? 'normal room' : `K=${run.shards}`,
    fmt(run.clients),
    fmt(run.joinSec, 1),
    run.perShard.length > 0 ? run.perShard.join('/') : '—',
    `${fmt(run.latency.latency.p50, 1)} ms`,
    `${fmt(run.latency.latency.p99, 1)} ms`,
    `${fmt(run.latency.received)}/${fmt(run.latency.expected)}`,
    `${fmt(run.workerdMsPerMessage, 2)} ms`,
    run.sequencerMsPerMessage === null || run.sequencerShare === null
      ? '—'
      : `${fmt(run.sequencerMsPerMessage, 3)} ms (${fmt(100 * run.sequencerShare, 1)} %)`,
    run.faults ? `${run.faults.duplicates}/${run.faults.gaps}/${run.faults.errors}` : '—',
  ]);
  const table = renderTable(
    [
      'System',
      'Clients',
      'Join s',
      'Per shard',
      'p50',
      'p99',
      'Copies',
      'workerd CPU/msg',
      'Sequencer CPU/msg',
      'Repeats/gaps/errors',
    ],
    rows,
  );
  return [
    table,
    '',
    "- p50/p99: send to each other member's copy, open loop at the latency rate (no profiler).",
    "- workerd CPU/msg: the room workerd's CPU (/proc: every object and the front worker) over the",
    '  latency window, per message sent; it includes the fan-out to every member.',
    "- Sequencer CPU/msg: the sequencer's share of the isolate's busy V8 profile samples (in brackets;",
    '  a second window of the same load) times workerd CPU/msg: an estimate, not a direct measurement.',
  ].join('\n');
}
