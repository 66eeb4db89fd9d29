// Reading the audit log for the admin API (ChatRoom.listEvents and .eventStats): filtered pages of
// events by cursor, and per-hour counts for the chart. The SQL text is assembled from fixed pieces;
// every value is a bound parameter.

import {
  type AuditDetail,
  type AuditEvent,
  type AuditEventsPage,
  type AuditKind,
  type AuditStats,
  ERROR_KINDS,
  HOUR_MS,
  MAX_EVENTS_LIMIT,
  MESSAGE_KINDS,
} from '../../protocol/audit-events';
import type { SqlExec } from '../room-writes';

/** A checked query (worker/http/admin-query.ts). Times are ms since the epoch; `until` is exclusive. */
export interface EventFilter {
  since?: number;
  until?: number;
  kinds?: AuditKind[];
  /** Matches the acting user or the peer, ignoring case. */
  user?: string;
  limit: number;
  /** Older than this id, newest first (the default direction). */
  before?: number;
  /** Newer than this id, oldest first: what `--follow` polls with. */
  after?: number;
}

type EventRecord = Omit<AuditEvent, 'detail'> & { detail: string | null };

export function listEvents(sql: SqlExec, filter: EventFilter): AuditEventsPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.since !== undefined) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('at < ?');
    params.push(filter.until);
  }
  if (filter.kinds && filter.kinds.length > 0) {
    where.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
    params.push(...filter.kinds);
  }
  if (filter.user !== undefined) {
    where.push('(user = ? COLLATE NOCASE OR peer = ? COLLATE NOCASE)');
    params.push(filter.user, filter.user);
  }
  const ascending = filter.after !== undefined;
  if (filter.after !== undefined) {
    where.push('id > ?');
    params.push(filter.after);
  } else if (filter.before !== undefined) {
    where.push('id < ?');
    params.push(filter.before);
  }
  const limit = Math.max(1, Math.min(MAX_EVENTS_LIMIT, Math.floor(filter.limit)));
  // One row more than asked for tells whether another page follows.
  const rows = sql
    .exec<EventRecord>(
      `SELECT id, at, kind, user, peer, size, code, ref, detail FROM events
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id ${ascending ? 'ASC' : 'DESC'} LIMIT ?`,
      ...params,
      limit + 1,
    )
    .toArray();
  const more = rows.length > limit;
  const events = rows.slice(0, limit).map(toEvent);
  return { events, next: more ? (events.at(-1)?.id ?? null) : null };
}

/**
 * Joins, messages and errors per hour for the last `hours` hours, the current one included. A
 * per-minute aggregate row of errors before a join counts as many as it says.
 */
export function hourlyStats(sql: SqlExec, hours: number, now: number): AuditStats {
  const first = (Math.floor(now / HOUR_MS) - hours + 1) * HOUR_MS;
  const messageKinds = [...MESSAGE_KINDS];
  const errorKinds = [...ERROR_KINDS];
  const rows = sql
    .exec<{ hour: number; joins: number; messages: number; errors: number }>(
      // CAST: a bound number arrives as a float, and float division would not group by hour.
      `SELECT CAST(at / ? AS INTEGER) AS hour,
         SUM(kind = 'join') AS joins,
         SUM(kind IN (${messageKinds.map(() => '?').join(', ')})) AS messages,
         SUM(CASE WHEN kind IN (${errorKinds.map(() => '?').join(', ')})
           THEN COALESCE(json_extract(detail, '$.per_minute'), 1) ELSE 0 END) AS errors
       FROM events WHERE at >= ? GROUP BY hour`,
      HOUR_MS,
      ...messageKinds,
      ...errorKinds,
      first,
    )
    .toArray();
  const byHour = new Map(rows.map((row) => [row.hour * HOUR_MS, row]));
  return {
    hours: Array.from({ length: hours }, (_, i) => {
      const hour = first + i * HOUR_MS;
      const row = byHour.get(hour);
      return { hour, joins: row?.joins ?? 0, messages: row?.messages ?? 0, errors: row?.errors ?? 0 };
    }),
  };
}

function toEvent(row: EventRecord): AuditEvent {
  return { ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as AuditDetail) };
}
