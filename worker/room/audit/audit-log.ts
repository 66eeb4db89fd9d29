// The room's audit log: one row per event in the `events` table (migration 3), written by the
// handlers through `room.audit.record(...)` and pruned by the room's alarm. Metadata only: names,
// sizes, codes and counts. Message text, file names and contents, keys and tokens never get here.
// Noise before a join is counted per minute, and security events outlive the row cap (audit-classes.ts).

import type { AuditDetail, AuditKind } from '../../protocol/audit-events';
import type { ErrorCode } from '../../protocol/errors';
import type { SystemAction } from '../../protocol/moderation-messages';
import type { LeaveReason } from '../../protocol/server-messages';
import { errorName, logEvent } from '../log';
import type { SqlExec } from '../room-writes';
import { isNoise, NOISE_WINDOW_MS, SECURITY_EVENT_SQL } from './audit-classes';
import type { AuditRetention } from './audit-retention';

/** Codes an event may carry: typed, so that no free text can slip into the column. */
export type AuditCode =
  | ErrorCode
  | SystemAction
  | LeaveReason
  | 'unwrap'
  | 'challenge'
  | 'rate_limit_close'
  | 'slow_consumer'
  | 'handshake_deadline'
  | 'join_deadline'
  | 'room_full'
  | 'too_many_connections'
  | 'handshake_busy'
  | 'bad_token'
  | 'too_many_attempts';

export interface AuditFields {
  user?: string | null;
  peer?: string | null;
  size?: number | null;
  code?: AuditCode | null;
  /** A file id or the room key's fingerprint: ids, never names. */
  ref?: string | null;
  detail?: AuditDetail;
}

/** The row cap is checked every this many writes, so a flood between two alarms stays bounded. */
export const CAP_CHECK_EVERY = 500;
/** Failed admin logins recorded one by one in a minute; past it they are only counted (recordCapped). */
export const ADMIN_FAILURES_LOGGED_PER_MINUTE = 30;
/** The alarm prunes at most this often. */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const INSERT =
  'INSERT INTO events (at, kind, user, peer, size, code, ref, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
/** Adds one to the minute's aggregate row of this kind and code, if there is one. */
const COUNT = `UPDATE events SET detail = json_set(detail, '$.per_minute', json_extract(detail, '$.per_minute') + 1)
  WHERE kind = ? AND at = ? AND code IS ? AND json_extract(detail, '$.per_minute') IS NOT NULL`;

export class AuditLog {
  private writes = 0;
  /** recordCapped's window: its minute and how many it recorded one by one, by kind. */
  private capped = { minute: 0, counts: new Map<AuditKind, number>() };
  private scheduled = false;

  constructor(
    /** The audit tables, read and written after the writes waiting behind (write-behind.ts). */
    readonly sql: SqlExec,
    readonly retention: AuditRetention,
    private readonly now: () => number,
    /** Asks for the alarm at `at` or earlier, to prune what is written now once it expires. */
    private readonly schedule: (at: number) => void,
  ) {}

  /**
   * Appends one event: a single INSERT, no reads; noise (audit-classes.ts) is counted in its
   * minute's row instead. Never throws: a failed write is logged and the chat goes on. `at` is when
   * it happened, for a record written later (a message's, written behind: write-behind.ts).
   */
  record(kind: AuditKind, fields: AuditFields = {}, at = this.now()): void {
    if (isNoise(kind, fields.user)) {
      this.count(kind, fields.code ?? null);
      return;
    }
    this.insert(kind, fields, at);
  }

  /**
   * Records up to `perMinute` events of this kind a minute one by one, and counts the rest in the
   * minute's aggregate row: for security events whose rows the row cap never removes.
   */
  recordCapped(kind: AuditKind, fields: AuditFields & { code: AuditCode }, perMinute: number): void {
    const minute = Math.floor(this.now() / NOISE_WINDOW_MS);
    if (this.capped.minute !== minute) this.capped = { minute, counts: new Map() };
    const n = this.capped.counts.get(kind) ?? 0;
    if (n >= perMinute) {
      this.count(kind, fields.code);
      return;
    }
    this.capped.counts.set(kind, n + 1);
    this.record(kind, fields);
  }

  /**
   * Counts one event in its minute's aggregate row (kind, code, `detail.per_minute`; `at` is the
   * minute's start): noise before a join, or attempts past a limit. Never throws.
   */
  count(kind: AuditKind, code: AuditCode | null): void {
    const minute = Math.floor(this.now() / NOISE_WINDOW_MS) * NOISE_WINDOW_MS;
    try {
      if (this.sql.exec(COUNT, kind, minute, code).rowsWritten > 0) return;
    } catch (error) {
      logEvent('audit_write_failed', { kind, error: error instanceof Error ? error.name : 'unknown' });
      return;
    }
    this.insert(kind, { code, detail: { per_minute: 1 } }, minute);
  }

  private insert(kind: AuditKind, fields: AuditFields, at: number): void {
    try {
      this.sql.exec(
        INSERT,
        at,
        kind,
        fields.user ?? null,
        fields.peer ?? null,
        fields.size ?? null,
        fields.code ?? null,
        fields.ref ?? null,
        fields.detail === undefined ? null : JSON.stringify(fields.detail),
      );
      if (++this.writes % CAP_CHECK_EVERY === 0) this.pruneToCap();
    } catch (error) {
      logEvent('audit_write_failed', { kind, error: errorName(error) });
      return;
    }
    // Once per wake-up, or after the log was emptied: older events already have an alarm, which
    // re-arms itself while any are left.
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(at + this.retention.maxAgeMs);
    }
  }

  /**
   * For the alarm: deletes events older than the retention period, then the oldest beyond the row
   * cap (security events only ever by age), and says when to run again: when the oldest event left expires, but not within the hour
   * (with steady traffic, some event is always about to expire). Null when no event is left.
   */
  prune(now: number): number | null {
    this.sql.exec('DELETE FROM events WHERE at < ?', now - this.retention.maxAgeMs);
    this.pruneToCap();
    const oldest = this.sql.exec<{ at: number | null }>('SELECT MIN(at) AS at FROM events').one().at;
    // An empty log needs no alarm; the next event written asks for one again.
    this.scheduled = oldest !== null;
    return oldest === null ? null : Math.max(oldest + this.retention.maxAgeMs, now + PRUNE_INTERVAL_MS);
  }

  /** The operator's purge (DELETE /api/admin/events): every event goes. Returns how many. */
  purge(): number {
    const n = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n;
    this.sql.exec('DELETE FROM events');
    return n;
  }

  private pruneToCap(): void {
    // Ids only grow, so max - min bounds the row count without counting rows (an O(log n) check).
    const span = this.sql
      .exec<{ lo: number | null; hi: number | null }>('SELECT MIN(id) AS lo, MAX(id) AS hi FROM events')
      .one();
    if (span.lo === null || span.hi === null || span.hi - span.lo + 1 <= this.retention.maxRows) return;
    // Age pruning can leave gaps, so find the exact cut: the newest `maxRows` rows that are not
    // security events stay, and security events stay whatever their number (until their age limit).
    this.sql.exec(
      `DELETE FROM events WHERE NOT ${SECURITY_EVENT_SQL} AND id <
         (SELECT id FROM events WHERE NOT ${SECURITY_EVENT_SQL} ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      this.retention.maxRows - 1,
    );
  }
}
