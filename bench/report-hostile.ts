// The hostile-client table (issue 10): one row per attack with the room's memory growth, the
// ordinary chat during it, which attacking sockets were closed and which upgrades were refused
// (admission, by HTTP status); each figure judged against its target.

import type { HostileResult } from './scenarios/hostile';
import { formatNumber as fmt, renderTable } from './table';
import { TARGETS, type Target } from './targets';

/** ' FAIL' when `value` misses `target` at the target's scale; NaN (not measured) is not judged. */
function judged(target: Target, scale: string, value: number): string {
  if (Number.isNaN(value) || scale !== target.scale) return '';
  return target.pass(value) ? '' : ' FAIL';
}

export function renderHostile(results: readonly HostileResult[]): string {
  const rows = results.map((r) => {
    const chat = r.chat;
    const scale = chat ? `${chat.clients} clients, ${fmt(r.seconds)} s` : '';
    const growth = r.room.growthMiB;
    const memory = `+${fmt(growth, 1)} MiB (${fmt(r.room.beforeMiB)} → ${fmt(r.room.peakMiB)}; proxy +${fmt(r.proxyGrowthMiB, 1)})`;
    const outcome = r.outcome === 'survived' ? 'survived' : r.outcome.toUpperCase();
    // Copies that never came have no latency: a p99 over the few that did is not a pass.
    const complete = r.outcome === 'survived' && chat !== null && chat.lost === 0;
    const latency = chat
      ? `p50 ${fmt(chat.latency.p50, 1)} ms, p99 ${fmt(chat.latency.p99, 1)} ms` +
        (chat.lost > 0 ? ` (${fmt(chat.latency.count)} copies)` : '') +
        judged(TARGETS.hostileP99, scale, complete ? chat.latency.p99 : Number.POSITIVE_INFINITY)
      : 'not measured';
    const dropped = chat
      ? `${chat.dropped} of ${chat.clients}${judged(TARGETS.hostileDropped, scale, chat.dropped)}`
      : '—';
    const lost = chat
      ? `${fmt(chat.lost)} of ${fmt(chat.expected)}${chat.duplicated > 0 ? ` (+${chat.duplicated} twice)` : ''}` +
        judged(TARGETS.hostileLost, scale, chat.lost + chat.duplicated)
      : '—';
    const codes = Object.entries(r.closeCodes)
      .map(([code, n]) => `${n}×${code}`)
      .join(', ');
    // Refused at the door (HTTP 429/503) is the room defending itself, not a failure of the bench.
    const refusedTotal = Object.values(r.refused).reduce((sum, n) => sum + n, 0);
    const refused = Object.entries(r.refused)
      .map(([status, n]) => `${n}×${status}`)
      .join(', ');
    return [
      r.attack,
      outcome,
      memory +
        judged(TARGETS.hostileMemory, scale, r.outcome === 'survived' ? growth : Number.POSITIVE_INFINITY),
      latency,
      dropped,
      lost,
      `${r.attackersClosed} of ${r.attackers}${codes ? ` (${codes})` : ''}`,
      refusedTotal > 0 ? `${refusedTotal} (${refused})` : '0',
    ];
  });
  const table = renderTable(
    [
      'Attack',
      'Room',
      'workerd RSS growth (peak − before)',
      'Ordinary chat',
      'Dropped',
      'Lost',
      'Attackers closed',
      'Attackers refused',
    ],
    rows,
  );
  const t = TARGETS;
  const legend =
    `Targets per attack (${t.hostileMemory.scale}): RSS growth ${t.hostileMemory.text}, ` +
    `chat ${t.hostileP99.text}, ${t.hostileDropped.text}, ${t.hostileLost.text}; FAIL marks a miss.`;
  const details = results.map(
    (r) =>
      `- ${r.attack}: ${r.title}; ${r.detail}` +
      (r.chat ? `; ordinary members sent ${r.chat.sent} messages in ${fmt(r.elapsedSec, 1)} s` : '') +
      (r.error ? `; error: ${r.error}` : ''),
  );
  return [table, legend, ...details].join('\n');
}

/** One line per missed target, for the run's error list (and its exit code). */
export function hostileFailures(results: readonly HostileResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (r.outcome !== 'survived') out.push(`hostile ${r.attack}: ${r.outcome}`);
    if (r.error) out.push(`hostile ${r.attack}: ${r.error}`);
  }
  return out;
}
