// The ChatRoom's durable state in its SQLite storage: schema migrations, room metadata and the
// name reservations behind resume tokens. Every query uses bound parameters.

import { toHex } from '../crypto/base64';
import { MIGRATIONS } from './migrations';

export interface Reservation {
  name: string;
  tokenHash: string;
  /**
   * The token its owner last resumed with, still good until `previousExpiresAt` or until they
   * resume with the newer one: a client that never received the newer token (its connection
   * dropped just after the room rotated it, or the page reloaded) must not lose its name.
   */
  previousTokenHash: string | null;
  /** When the previous token stops working (PREVIOUS_TOKEN_GRACE_MS after the newer one was issued). */
  previousExpiresAt: number | null;
  /** null while the name's socket is online. */
  expiresAt: number | null;
  lastCid: number;
  /** The session whose private history this name's token unlocks. */
  session: string | null;
}

export class RoomStore {
  constructor(private readonly sql: SqlStorage) {}

  /** Brings the schema up to date. Call once, inside blockConcurrencyWhile. */
  migrate(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
    let version = row?.version ?? 0;
    if (!row) this.sql.exec('INSERT INTO schema_version (version) VALUES (0)');
    for (const migration of MIGRATIONS.slice(version)) {
      this.sql.exec(migration);
      this.sql.exec('UPDATE schema_version SET version = ?', ++version);
    }
  }

  getMeta(key: string): ArrayBuffer | string | number | null {
    const row = this.sql
      .exec<{ value: ArrayBuffer | string | number }>('SELECT value FROM meta WHERE key = ?', key)
      .toArray()[0];
    return row?.value ?? null;
  }

  setMeta(key: string, value: ArrayBuffer | string | number): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  deleteMeta(key: string): void {
    this.sql.exec('DELETE FROM meta WHERE key = ?', key);
  }

  /**
   * Counts wake-ups. The room's outbound sequence numbers start at (epoch, 0) on every wake, so
   * frames sent after an eviction always sort after frames sent before it.
   */
  nextEpoch(): number {
    const current = Number(this.getMeta('epoch') ?? 0);
    const next = (current + 1) >>> 0;
    this.setMeta('epoch', next);
    return next;
  }

  getReservation(nameKey: string): Reservation | null {
    const row = this.sql
      .exec<{
        name: string;
        token_hash: string;
        previous_token_hash: string | null;
        previous_expires_at: number | null;
        expires_at: number | null;
        last_cid: number;
        session: string | null;
      }>(
        `SELECT name, token_hash, previous_token_hash, previous_expires_at, expires_at, last_cid, session
           FROM reservations WHERE name_key = ?`,
        nameKey,
      )
      .toArray()[0];
    return row
      ? {
          name: row.name,
          tokenHash: row.token_hash,
          previousTokenHash: row.previous_token_hash,
          previousExpiresAt: row.previous_expires_at,
          expiresAt: row.expires_at,
          lastCid: row.last_cid,
          session: row.session,
        }
      : null;
  }

  /**
   * Records that `name` is online with a new token (hash only) and the highest message id handled
   * for its owner: a fresh owner of a lapsed name must not inherit the previous owner's ids.
   * `previous` is the token a resume used and when it stops working (null for a fresh join).
   */
  holdName(
    nameKey: string,
    name: string,
    tokenHash: string,
    lastCid: number,
    session: string,
    previous: { tokenHash: string; expiresAt: number } | null = null,
  ): void {
    this.sql.exec(
      `INSERT INTO reservations
         (name_key, name, token_hash, previous_token_hash, previous_expires_at, expires_at, last_cid, session)
       VALUES (?, ?, ?, ?, ?, NULL, ?, ?)
       ON CONFLICT(name_key) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash,
         previous_token_hash = excluded.previous_token_hash,
         previous_expires_at = excluded.previous_expires_at, expires_at = NULL,
         last_cid = excluded.last_cid, session = excluded.session`,
      nameKey,
      name,
      tokenHash,
      previous?.tokenHash ?? null,
      previous?.expiresAt ?? null,
      lastCid,
      session,
    );
  }

  /** The name's socket went: keep the name for its token until `expiresAt`. */
  releaseName(nameKey: string, expiresAt: number, lastCid: number): void {
    this.sql.exec(
      'UPDATE reservations SET expires_at = ?, last_cid = MAX(last_cid, ?) WHERE name_key = ?',
      expiresAt,
      lastCid,
      nameKey,
    );
  }

  /**
   * Records the highest client message id handled for an online name. The attachment has it too,
   * but a socket that dies with its room (a restart or eviction) never gets a close event, and the
   * resend after the reconnect must still be recognised. Written behind (handlers/chat.ts), so only
   * while the name is still held for the same `session`: a later owner must not inherit the id.
   */
  recordCid(nameKey: string, session: string, cid: number): void {
    this.sql.exec(
      'UPDATE reservations SET last_cid = MAX(last_cid, ?) WHERE name_key = ? AND session = ?',
      cid,
      nameKey,
      session,
    );
  }

  /**
   * Names marked online whose sockets did not survive a restart start their grace period now.
   * Returns how many there were.
   */
  releaseOrphans(onlineKeys: ReadonlySet<string>, expiresAt: number): number {
    const held = this.sql
      .exec<{ name_key: string }>('SELECT name_key FROM reservations WHERE expires_at IS NULL')
      .toArray();
    let released = 0;
    for (const { name_key } of held) {
      if (onlineKeys.has(name_key)) continue;
      this.sql.exec('UPDATE reservations SET expires_at = ? WHERE name_key = ?', expiresAt, name_key);
      released++;
    }
    return released;
  }

  /** An owner kicked or banned the name's holder: the name is free at once, its token no longer works. */
  dropReservation(nameKey: string): void {
    this.sql.exec('DELETE FROM reservations WHERE name_key = ?', nameKey);
  }

  /** The room closed: every name and every published end-to-end key goes. */
  purgeNames(): void {
    this.sql.exec('DELETE FROM reservations');
    this.sql.exec('DELETE FROM member_keys');
  }

  /** Lapsed reservations go, and with them the end-to-end keys their sessions published (key-directory.ts). */
  pruneReservations(now: number): void {
    this.sql.exec('DELETE FROM reservations WHERE expires_at IS NOT NULL AND expires_at <= ?', now);
    this.sql.exec(
      'DELETE FROM member_keys WHERE session NOT IN (SELECT session FROM reservations WHERE session IS NOT NULL)',
    );
  }
}

export async function hashToken(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
}
