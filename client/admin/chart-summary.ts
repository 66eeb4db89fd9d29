// Words for the per-hour chart: the totals and the busiest hour, as the chart's accessible name, and
// the hour labels (local time) its axis and data table use. Pure; unit-tested.

import type { AuditHour, AuditStats } from '#protocol/audit-events';

const two = (n: number): string => String(n).padStart(2, '0');

/** "14:00", in the browser's local time. */
export function hourLabel(hour: number): string {
  return `${two(new Date(hour).getHours())}:00`;
}

export function totals(stats: AuditStats): Omit<AuditHour, 'hour'> {
  return stats.hours.reduce(
    (sum, h) => ({
      joins: sum.joins + h.joins,
      messages: sum.messages + h.messages,
      errors: sum.errors + h.errors,
    }),
    { joins: 0, messages: 0, errors: 0 },
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * "Joins, messages and errors per hour, last 24 hours: 3 joins, 41 messages, 1 error. Busiest hour:
 * 14:00 (30 messages)."
 */
export function chartSummary(stats: AuditStats): string {
  const sum = totals(stats);
  const head = `Joins, messages and errors per hour, last ${plural(stats.hours.length, 'hour')}: ${plural(sum.joins, 'join')}, ${plural(sum.messages, 'message')}, ${plural(sum.errors, 'error')}.`;
  const busiest = stats.hours.reduce<AuditHour | null>(
    (best, h) => (h.messages > 0 && (best === null || h.messages > best.messages) ? h : best),
    null,
  );
  return busiest
    ? `${head} Busiest hour: ${hourLabel(busiest.hour)} (${plural(busiest.messages, 'message')}).`
    : head;
}
