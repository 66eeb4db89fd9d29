// The room's moderation state in SQLite (migration 11), so that it survives eviction: the settings
// row (owner token hash, topic, listed, slow mode) and the bans and mutes, by name and by session,
// each with its end. Both are cached in memory after their first read: a chat message checks a mute
// without a query. Expiry is by time: an expired row is ignored at once and pruned when the room
// wakes (no alarm). Owns the SQL; bound parameters only. Used by worker/room/moderation/*.

import { OWNER_HASH_PATTERN } from '../../crypto/owner-token';

export type SanctionKind = 'ban' | 'mute';

export interface Sanction {
  kind: SanctionKind;
  nameKey: string;
  /** The name as it was shown, for the system line of a lift. */
  name: string;
  /** The session that held the name when the sanction was imposed, if any: a resume is caught too. */
  session: string | null;
  until: number;
}

export interface StoredSettings {
  /** SHA-256 (hex) of the room's owner token; null for the lobby and rooms made by their first socket. */
  ownerHash: string | null;
  topic: string;
  /** The owner's choice; an unlisted link room is never listed whatever this says. */
  listed: boolean;
  slowModeS: number;
}

const DEFAULTS: StoredSettings = { ownerHash: null, topic: '', listed: true, slowModeS: 0 };

export class ModerationStore {
  private settingsCache: StoredSettings | null = null;
  private sanctionsCache: Sanction[] | null = null;

  constructor(private readonly sql: SqlStorage) {}

  settings(): StoredSettings {
    if (!this.settingsCache) {
      const row = this.sql
        .exec<{ owner_hash: string | null; topic: string; listed: number; slow_mode_s: number }>(
          'SELECT owner_hash, topic, listed, slow_mode_s FROM room_settings WHERE id = 1',
        )
        .toArray()[0];
      this.settingsCache = row
        ? {
            ownerHash: row.owner_hash,
            topic: row.topic,
            listed: row.listed === 1,
            slowModeS: row.slow_mode_s,
          }
        : { ...DEFAULTS };
    }
    return this.settingsCache;
  }

  /** Changes some settings; the row is written only now, so a room nobody moderates has none. */
  update(change: Partial<StoredSettings>): StoredSettings {
    const next = { ...this.settings(), ...change };
    this.sql.exec(
      `INSERT INTO room_settings (id, owner_hash, topic, listed, slow_mode_s) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET owner_hash = excluded.owner_hash, topic = excluded.topic,
         listed = excluded.listed, slow_mode_s = excluded.slow_mode_s`,
      next.ownerHash,
      next.topic,
      next.listed ? 1 : 0,
      next.slowModeS,
    );
    this.settingsCache = next;
    return next;
  }

  /** POST /api/rooms gave the creator an owner token: its SHA-256 (64 hex digits) owns the room now. */
  adoptOwner(ownerHash: string): void {
    if (!OWNER_HASH_PATTERN.test(ownerHash)) throw new TypeError('an owner token hash is 64 hex digits');
    this.update({ ownerHash });
  }

  /** The ban or mute in force on this name or this session at `now`, the longest first; null if none. */
  active(kind: SanctionKind, nameKey: string, session: string | null, now: number): Sanction | null {
    let found: Sanction | null = null;
    for (const s of this.sanctions()) {
      if (s.kind !== kind || s.until <= now) continue;
      if (s.nameKey !== nameKey && (session === null || s.session !== session)) continue;
      if (!found || s.until > found.until) found = s;
    }
    return found;
  }

  /** Imposes (or replaces) a ban or mute of a name. */
  impose(sanction: Sanction): void {
    this.sql.exec(
      `INSERT INTO sanctions (kind, name_key, name, session, until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(kind, name_key) DO UPDATE SET name = excluded.name, session = excluded.session,
         until = excluded.until`,
      sanction.kind,
      sanction.nameKey,
      sanction.name,
      sanction.session,
      sanction.until,
    );
    this.sanctionsCache = [
      ...this.sanctions().filter((s) => !(s.kind === sanction.kind && s.nameKey === sanction.nameKey)),
      sanction,
    ];
  }

  /** Lifts a name's ban or mute; false when it had none in force. */
  lift(kind: SanctionKind, nameKey: string, now: number): boolean {
    const had = this.sanctions().some((s) => s.kind === kind && s.nameKey === nameKey && s.until > now);
    this.sql.exec('DELETE FROM sanctions WHERE kind = ? AND name_key = ?', kind, nameKey);
    this.sanctionsCache = this.sanctions().filter((s) => !(s.kind === kind && s.nameKey === nameKey));
    return had;
  }

  /** Drops expired bans and mutes. */
  prune(now: number): void {
    this.sql.exec('DELETE FROM sanctions WHERE until <= ?', now);
    this.sanctionsCache = this.sanctions().filter((s) => s.until > now);
  }

  /** When this name last sent a Lobby message while slow mode was on (its reservation keeps it). */
  lastPostAt(nameKey: string): number | null {
    const row = this.sql
      .exec<{ last_post_at: number | null }>(
        'SELECT last_post_at FROM reservations WHERE name_key = ?',
        nameKey,
      )
      .toArray()[0];
    return row?.last_post_at ?? null;
  }

  recordPost(nameKey: string, at: number): void {
    this.sql.exec('UPDATE reservations SET last_post_at = ? WHERE name_key = ?', at, nameKey);
  }

  /** The room closed: settings, bans and mutes go. */
  purge(): void {
    this.sql.exec('DELETE FROM room_settings');
    this.sql.exec('DELETE FROM sanctions');
    this.settingsCache = null;
    this.sanctionsCache = null;
  }

  private sanctions(): Sanction[] {
    this.sanctionsCache ??= this.sql
      .exec<{ kind: SanctionKind; name_key: string; name: string; session: string | null; until: number }>(
        'SELECT kind, name_key, name, session, until FROM sanctions',
      )
      .toArray()
      .map((r) => ({ kind: r.kind, nameKey: r.name_key, name: r.name, session: r.session, until: r.until }));
    return this.sanctionsCache;
  }
}
