// The RoomDirectory's SQLite table: one row per room the deployment counts (public and unlisted),
// of which only public rows are ever listed. Owns the SQL; bound parameters only. Used by
// room-directory.ts; tested through test/worker/room-directory.test.ts.

import type { AdminRoom } from '../protocol/admin-rooms';
import type { RoomListing } from '../protocol/room-listing';

/** A public room empty for this long is forgotten (it comes back when someone joins it again). */
export const FORGET_EMPTY_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

export interface DirectoryEntry {
  /** The slug of a public room, or `~<hex>` of an unlisted one. */
  key: string;
  listed: boolean;
}

export interface RoomReport extends DirectoryEntry {
  members: number;
  lastActivity: number;
  /** When the room sent it: an older report than the one stored is ignored. */
  reportedAt: number;
  topic?: string | undefined;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS rooms (
  key TEXT PRIMARY KEY,
  listed INTEGER NOT NULL,
  topic TEXT NOT NULL DEFAULT '',
  members INTEGER NOT NULL DEFAULT 0,
  last_activity INTEGER NOT NULL,
  reported_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS rooms_listed ON rooms (listed, members, last_activity);`;

export class DirectoryStore {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    this.sql.exec(SCHEMA);
  }

  has(key: string): boolean {
    return this.sql.exec('SELECT 1 FROM rooms WHERE key = ?', key).toArray().length > 0;
  }

  count(): number {
    const row = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM rooms').one();
    return row.n;
  }

  /** Adds a room with nobody in it; an existing row is left as it is. */
  add(entry: DirectoryEntry, now: number): void {
    this.sql.exec(
      'INSERT INTO rooms (key, listed, last_activity) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING',
      entry.key,
      entry.listed ? 1 : 0,
      now,
    );
  }

  /** Stores a room's report, unless a later one is stored already. A report without a topic keeps the stored one. */
  report(report: RoomReport): void {
    this.sql.exec(
      `INSERT INTO rooms (key, listed, topic, members, last_activity, reported_at) VALUES (?, ?, COALESCE(?, ''), ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET listed = excluded.listed, members = excluded.members,
         topic = COALESCE(?, rooms.topic),
         last_activity = excluded.last_activity, reported_at = excluded.reported_at
       WHERE excluded.reported_at >= rooms.reported_at`,
      report.key,
      report.listed ? 1 : 0,
      report.topic ?? null,
      report.members,
      report.lastActivity,
      report.reportedAt,
      report.topic ?? null,
    );
  }

  /** An owner's visibility and topic, for a room the directory knows (a forgotten one reports them again). */
  settings(entry: DirectoryEntry & { topic: string }): void {
    this.sql.exec(
      'UPDATE rooms SET listed = ?, topic = ? WHERE key = ?',
      entry.listed ? 1 : 0,
      entry.topic,
      entry.key,
    );
  }

  /** A closed room: forgotten at once. */
  remove(key: string): void {
    this.sql.exec('DELETE FROM rooms WHERE key = ?', key);
  }

  /** Forgets rooms empty since before `cutoff`, except `keep` (the default room). */
  forgetEmpty(cutoff: number, keep: string): number {
    return this.sql.exec(
      'DELETE FROM rooms WHERE members = 0 AND last_activity < ? AND key != ?',
      cutoff,
      keep,
    ).rowsWritten;
  }

  /** Public rooms, the most people first, then the most recently active. */
  listPublic(limit: number): RoomListing[] {
    return this.sql
      .exec<{ key: string; topic: string; members: number; last_activity: number }>(
        `SELECT key, topic, members, last_activity FROM rooms WHERE listed = 1
         ORDER BY members DESC, last_activity DESC, key LIMIT ?`,
        limit,
      )
      .toArray()
      .map((row) => ({
        slug: row.key,
        topic: row.topic,
        members: row.members,
        lastActivity: row.last_activity,
      }));
  }

  /** Every room, public and unlisted, in key order after `after` (the admin's list), at most `limit`. */
  listAll(after: string, limit: number): AdminRoom[] {
    return this.sql
      .exec<{ key: string; listed: number; topic: string; members: number; last_activity: number }>(
        `SELECT key, listed, topic, members, last_activity FROM rooms WHERE key > ?
         ORDER BY key LIMIT ?`,
        after,
        limit,
      )
      .toArray()
      .map((row) => ({
        room: row.key,
        listed: row.listed === 1,
        members: row.members,
        lastActivity: row.last_activity,
        topic: row.topic,
      }));
  }
}
