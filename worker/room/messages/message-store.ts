// Message history in the room's SQLite storage: every public and private message gets its stable
// id here (the row id). Public rows serve history pages and search; private rows serve only the two
// sessions in them (names are not accounts). Receipts are one row per pair of sessions.
// Every query uses bound parameters.

import type { ServerMessageOf } from '../../protocol/server-messages';

export type ChatLine = ServerMessageOf<'msg'> | ServerMessageOf<'pm'>;

export interface NewMessage {
  from: string;
  fromSession: string;
  /** Both absent for a Lobby message. */
  to?: { name: string; session: string };
  cid: number;
  text: string;
  ts: number;
  at: number;
}

export interface HistoryPolicy {
  maxMessages: number;
  maxAgeMs: number;
}

export interface Receipt {
  toSession: string;
  toName: string;
  delivered: number;
  seen: number;
}

type Row = {
  id: number;
  private: number;
  from_name: string;
  from_session: string;
  to_name: string | null;
  to_session: string | null;
  cid: number;
  text: string;
  ts: number;
  at: number;
};

const COLUMNS = 'id, private, from_name, from_session, to_name, to_session, cid, text, ts, at';

/** Prune public rows past the policy once every this many inserts (and on every alarm sweep). */
const PRUNE_EVERY = 64;

export class MessageStore {
  private insertsSincePrune = 0;

  constructor(
    private readonly sql: SqlStorage,
    private readonly policy: HistoryPolicy,
  ) {}

  /** Stores a message and returns its id. */
  add(m: NewMessage, now: number): number {
    const id = this.sql
      .exec<{ id: number }>(
        `INSERT INTO messages (private, from_name, from_session, to_name, to_session, cid, text, ts, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        m.to ? 1 : 0,
        m.from,
        m.fromSession,
        m.to?.name ?? null,
        m.to?.session ?? null,
        m.cid,
        m.text,
        m.ts,
        m.at,
      )
      .one().id;
    if (!m.to && ++this.insertsSincePrune >= PRUNE_EVERY) this.prunePublic(now);
    return id;
  }

  /** The newest public messages before `before` (all when null), oldest first, and whether older ones exist. */
  publicPage(before: number | null, limit: number): { messages: ChatLine[]; more: boolean } {
    const rows = this.sql
      .exec<Row>(
        `SELECT ${COLUMNS} FROM messages WHERE private = 0 AND id < ? ORDER BY id DESC LIMIT ?`,
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      )
      .toArray();
    const more = rows.length > limit;
    return {
      messages: rows
        .slice(0, limit)
        .reverse()
        .map((r) => toLine(r, null)),
      more,
    };
  }

  /** The newest private messages of one session, oldest first. */
  privatePage(session: string, limit: number): ChatLine[] {
    return this.sql
      .exec<Row>(
        `SELECT ${COLUMNS} FROM messages WHERE private = 1 AND id IN (
           SELECT id FROM messages WHERE private = 1 AND from_session = ?
           UNION SELECT id FROM messages WHERE private = 1 AND to_session = ?
           ORDER BY id DESC LIMIT ?)
         ORDER BY id`,
        session,
        session,
        limit,
      )
      .toArray()
      .map((r) => toLine(r, session));
  }

  /** What a resumed session missed: public messages and its own private ones after `since`, in order. */
  since(since: number, session: string, limit: number): ChatLine[] {
    return this.sql
      .exec<Row>(
        `SELECT ${COLUMNS} FROM messages
         WHERE id > ? AND (private = 0 OR from_session = ? OR to_session = ?)
         ORDER BY id LIMIT ?`,
        since,
        session,
        session,
        limit,
      )
      .toArray()
      .map((r) => toLine(r, session));
  }

  /** Lobby messages matching an FTS5 query (see worker/protocol/search-terms.ts), newest first. */
  search(match: string, limit: number): ServerMessageOf<'msg'>[] {
    return this.sql
      .exec<Row>(
        `SELECT ${COLUMNS.split(', ')
          .map((c) => `m.${c}`)
          .join(', ')} FROM messages_fts f JOIN messages m ON m.id = f.rowid
         WHERE messages_fts MATCH ? AND m.private = 0 ORDER BY m.id DESC LIMIT ?`,
        match,
        limit,
      )
      .toArray()
      .flatMap((r) => {
        const line = toLine(r, null);
        return line.type === 'msg' ? [line] : [];
      });
  }

  /** The private message `id`, if it went from `fromName`'s… to `toSession`: the proof a receipt needs. */
  receivedBy(id: number, toSession: string): { fromSession: string; fromName: string } | null {
    const row = this.sql
      .exec<{ from_session: string; from_name: string }>(
        'SELECT from_session, from_name FROM messages WHERE id = ? AND private = 1 AND to_session = ?',
        id,
        toSession,
      )
      .toArray()[0];
    return row ? { fromSession: row.from_session, fromName: row.from_name } : null;
  }

  /** Raises the stored receipt (never lowers it) and returns what is now stored. */
  raiseReceipt(fromSession: string, r: Receipt): Receipt {
    return {
      ...r,
      ...this.sql
        .exec<{ delivered: number; seen: number }>(
          `INSERT INTO receipts (from_session, to_session, to_name, delivered, seen) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (from_session, to_session) DO UPDATE SET to_name = excluded.to_name,
             delivered = MAX(delivered, excluded.delivered), seen = MAX(seen, excluded.seen)
           RETURNING delivered, seen`,
          fromSession,
          r.toSession,
          r.toName,
          r.delivered,
          r.seen,
        )
        .one(),
    };
  }

  /** Every receipt for messages `fromSession` sent: re-sent when it resumes. */
  receiptsOf(fromSession: string): Receipt[] {
    return this.sql
      .exec<{ to_session: string; to_name: string; delivered: number; seen: number }>(
        'SELECT to_session, to_name, delivered, seen FROM receipts WHERE from_session = ?',
        fromSession,
      )
      .toArray()
      .map((r) => ({ toSession: r.to_session, toName: r.to_name, delivered: r.delivered, seen: r.seen }));
  }

  /**
   * Applies the history policy to public rows, and drops private rows and receipts once neither of
   * their sessions can come back (no reservation holds it any more).
   */
  prune(now: number): void {
    this.prunePublic(now);
    const live = 'SELECT session FROM reservations WHERE session IS NOT NULL';
    this.sql.exec(
      `DELETE FROM messages WHERE private = 1 AND (at < ? OR (from_session NOT IN (${live}) AND to_session NOT IN (${live})))`,
      now - this.policy.maxAgeMs,
    );
    this.sql.exec(`DELETE FROM receipts WHERE from_session NOT IN (${live}) AND to_session NOT IN (${live})`);
  }

  /** Deletes every stored message and receipt (the operator's purge). Returns how many messages went. */
  purge(): number {
    const n = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM messages').one().n;
    this.sql.exec('DELETE FROM messages');
    this.sql.exec('DELETE FROM receipts');
    return n;
  }

  private prunePublic(now: number): void {
    this.insertsSincePrune = 0;
    this.sql.exec(
      `DELETE FROM messages WHERE private = 0 AND (at < ? OR id <= (
         SELECT id FROM messages WHERE private = 0 ORDER BY id DESC LIMIT 1 OFFSET ?))`,
      now - this.policy.maxAgeMs,
      this.policy.maxMessages,
    );
  }
}

/** The wire form; `viewer` gets its own cid back, so a resent queue entry settles on its replay. */
function toLine(r: Row, viewer: string | null): ChatLine {
  const own = viewer !== null && r.from_session === viewer ? { cid: r.cid } : {};
  return r.private
    ? {
        type: 'pm',
        id: r.id,
        from: r.from_name,
        to: r.to_name ?? '',
        text: r.text,
        ts: r.ts,
        at: r.at,
        ...own,
      }
    : { type: 'msg', id: r.id, from: r.from_name, text: r.text, ts: r.ts, at: r.at, ...own };
}
