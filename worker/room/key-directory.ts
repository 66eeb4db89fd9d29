// The room's directory of published end-to-end keys (issue 12): each name's identity public key and
// current signed prekey, tied to the session that published them, in SQLite. A row counts only while
// its name's reservation still belongs to that session, so a later owner of a name never inherits
// the keys (room-store.ts prunes the rest with the reservations). Public keys only: the room never
// sees a private key, and it never verifies a signature (the clients do, docs/e2e.md).
// Tested in test/worker/e2e-keys.test.ts.

import * as v from 'valibot';
import { type MemberKeys, PublishedKeys } from '../protocol/e2e-messages';

/** Most members' keys a `joined` carries (about 300 bytes each); clients ask for others with `keys`. */
export const MAX_JOINED_KEYS = 200;

type Row = { name: string; keys: string };

/** A stored row read back: parsed, never cast. */
function parseKeys(json: string): PublishedKeys | null {
  try {
    const parsed = v.safeParse(PublishedKeys, JSON.parse(json));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Rows whose name is still held by the session that published them (online, or within its grace). */
const CURRENT = `FROM member_keys k JOIN reservations r ON r.name_key = k.name_key AND r.session = k.session
  WHERE (r.expires_at IS NULL OR r.expires_at > ?)`;

export class KeyDirectory {
  constructor(
    private readonly sql: SqlStorage,
    /** Tells every member (a presence change, coalesced with joins and leaves). */
    private readonly announce: (name: string, keys: PublishedKeys) => void,
  ) {}

  /** Stores `keys` for the name's session; announces them unless they are what was already stored. */
  publish(nameKey: string, name: string, session: string, keys: PublishedKeys, now: number): void {
    const before = this.sql
      .exec<{ keys: string }>(
        'SELECT keys FROM member_keys WHERE name_key = ? AND session = ?',
        nameKey,
        session,
      )
      .toArray()[0];
    const json = JSON.stringify(keys);
    if (before?.keys === json) return;
    this.sql.exec(
      `INSERT INTO member_keys (name_key, name, session, keys, published_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, session = excluded.session,
         keys = excluded.keys, published_at = excluded.published_at`,
      nameKey,
      name,
      session,
      json,
      now,
    );
    this.announce(name, keys);
  }

  /** The keys `nameKey`'s current session published, if any. */
  of(nameKey: string, now: number): PublishedKeys | null {
    const row = this.sql
      .exec<Row>(`SELECT k.name, k.keys ${CURRENT} AND k.name_key = ?`, now, nameKey)
      .toArray()[0];
    return row ? parseKeys(row.keys) : null;
  }

  /** Every current name's keys, at most MAX_JOINED_KEYS of them (for `joined`). */
  current(now: number): MemberKeys[] {
    const rows = this.sql.exec<Row>(
      `SELECT k.name, k.keys ${CURRENT} ORDER BY k.published_at DESC LIMIT ?`,
      now,
      MAX_JOINED_KEYS,
    );
    const out: MemberKeys[] = [];
    for (const row of rows) {
      const keys = parseKeys(row.keys);
      if (keys) out.push({ name: row.name, keys });
    }
    return out;
  }
}
