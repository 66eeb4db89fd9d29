// Message history in the room's SQLite storage: every public and private message gets its stable
// id here (the row id, taken at once by message-ids.ts; the row is written at the room's next flush,
// together with the other messages handled since the last one: write-behind.ts). Public rows serve history pages and search; private rows serve only the two
// sessions in them (names are not accounts). Receipts are one row per pair of sessions.
// Pages are bounded in bytes as well as rows (the outbox's flow control, worker/room/outbox.ts).
// Reactions, edits and deletions are event rows in the same table (message-events-store.ts): pages
// show each message as it is now, and resume replay sends the events about messages it had.
// A private message sealed end to end is stored as its envelope's JSON, opaque to the room; the
// full-text index (migrations 4 and 9's triggers) covers public rows only. Every query uses bound parameters.

import type { ServerMessageOf } from '../../protocol/server-messages';
import type { SqlExec } from '../room-writes';
import { utf8Length } from '../utf8-length';
import type { WriteBehind } from '../write-behind';
import type { EventLine, MessageEventStore } from './message-events-store';
import type { MessageIds } from './message-ids';
import { type ChatLine, COLUMNS, M_COLUMNS, type MessageBody, type Row, toLine } from './message-rows';
import type { ReactionsTable } from './reactions-table';

export type { ChatLine, MessageBody };

export interface NewMessage {
  from: string;
  fromSession: string;
  /** Both absent for a Lobby message. */
  to?: { name: string; session: string };
  cid: number;
  body: MessageBody;
  ts: number;
  at: number;
  /** The message it answers, already checked to be one the sender may see. */
  replyTo?: number;
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

/** Messages whose reactions a page fetches in one query (message-store.ts takeWithin). */
const REACTIONS_FETCHED_TOGETHER = 16;

/** Prune public rows past the policy once every this many inserts (and on every alarm sweep). */
const PRUNE_EVERY = 64;

export class MessageStore {
  private insertsSincePrune = 0;

  constructor(
    /** Every statement here first runs the writes waiting behind (write-behind.ts). */
    private readonly sql: SqlExec,
    private readonly policy: HistoryPolicy,
    private readonly reactions: ReactionsTable,
    /** Reactions, edits and deletions of these messages. */
    readonly events: MessageEventStore,
    /** Where a new message's row waits for the next flush, with the id it was given at once. */
    private readonly behind: { writes: WriteBehind; ids: MessageIds; sql: SqlStorage },
  ) {}

  /**
   * Takes the message's id now and writes its row at the room's next flush, before any copy of it is
   * sent (write-behind.ts): the messages handled between two flushes share one commit.
   */
  add(m: NewMessage, now: number): number {
    const { writes, ids, sql } = this.behind;
    const id = ids.take();
    const row = [
      id,
      m.to ? 1 : 0,
      m.from,
      m.fromSession,
      m.to?.name ?? null,
      m.to?.session ?? null,
      m.cid,
      'text' in m.body ? m.body.text : '',
      'envelope' in m.body ? JSON.stringify(m.body.envelope) : null,
      m.ts,
      m.at,
      m.replyTo ?? null,
    ];
    writes.defer(() => {
      sql.exec(
        `INSERT INTO messages (id, private, from_name, from_session, to_name, to_session, cid, text, envelope, ts, at, reply_to)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ...row,
      );
      ids.written();
      if (!m.to && ++this.insertsSincePrune >= PRUNE_EVERY) this.prunePublic(now);
    });
    return id;
  }

  /**
   * The newest public messages before `before` (all when null), oldest first, at most `limit` of them
   * and `maxBytes` of JSON, and whether older ones exist.
   */
  publicPage(
    before: number | null,
    limit: number,
    maxBytes: number,
  ): { messages: ChatLine[]; more: boolean } {
    const cursor = this.sql.exec<Row>(
      `SELECT ${COLUMNS} FROM messages WHERE private = 0 AND kind = 'msg' AND id < ? ORDER BY id DESC LIMIT ?`,
      before ?? Number.MAX_SAFE_INTEGER,
      limit + 1,
    );
    const page = this.takeWithin(cursor, limit, maxBytes, null);
    return { messages: page.lines.reverse(), more: page.more };
  }

  /** The newest private messages of one session, oldest first, at most `limit` and `maxBytes` of JSON. */
  privatePage(session: string, limit: number, maxBytes: number): ChatLine[] {
    const cursor = this.sql.exec<Row>(
      `SELECT ${COLUMNS} FROM messages WHERE private = 1 AND id IN (
         SELECT id FROM messages WHERE private = 1 AND kind = 'msg' AND from_session = ?
         UNION SELECT id FROM messages WHERE private = 1 AND kind = 'msg' AND to_session = ?
         ORDER BY id DESC LIMIT ?)
       ORDER BY id DESC`,
      session,
      session,
      limit,
    );
    return this.takeWithin(cursor, limit, maxBytes, session).lines.reverse();
  }

  /**
   * One page of what a resumed session missed: public messages and its own private ones after
   * `after`, in order, as JSON, at most `maxBytes` of it; `last` is the id of the last one. Messages
   * come as they are now; events only about messages the client had (ids up to `since`, where the
   * replay began), so each change arrives exactly once.
   */
  sincePage(
    after: number,
    session: string,
    maxBytes: number,
    since = after,
  ): { json: string[]; last: number; more: boolean } {
    const cursor = this.sql.exec<Row>(
      `SELECT ${COLUMNS} FROM messages
       WHERE id > ? AND (private = 0 OR from_session = ? OR to_session = ?) AND (target IS NULL OR target <= ?)
       ORDER BY id`,
      after,
      session,
      session,
      since,
    );
    const json: string[] = [];
    let bytes = 0;
    let last = after;
    // Rows waiting for their reactions, fetched for a few messages at a time (as in takeWithin).
    let pending: { id: number; line: ChatLine | EventLine | null; text: string }[] = [];
    let pendingBytes = 0;
    /** Adds the pending lines; false once one does not fit. */
    const settle = (): boolean => {
      const messages = pending.flatMap((p) => (p.line && isChatLine(p.line) ? [p.line] : []));
      const reacted = new Map(this.withReactions(messages).map((l) => [l.id, l]));
      for (const p of pending) {
        if (p.line === null) {
          last = p.id;
          continue;
        }
        const withReactions = isChatLine(p.line) ? (reacted.get(p.line.id) ?? p.line) : p.line;
        // A line without reactions is the same object, already serialised.
        const text = withReactions === p.line ? p.text : JSON.stringify(withReactions);
        const size = utf8Length(text) + 1;
        if (json.length > 0 && bytes + size > maxBytes) return false;
        json.push(text);
        bytes += size;
        last = p.id;
      }
      pending = [];
      pendingBytes = 0;
      return true;
    };
    for (const row of cursor) {
      const line = this.replayLine(row, session);
      const text = line === null ? '' : JSON.stringify(line);
      pending.push({ id: row.id, line, text });
      pendingBytes += utf8Length(text) + 1;
      const full = bytes + pendingBytes > maxBytes;
      if ((full || pending.length >= REACTIONS_FETCHED_TOGETHER) && !settle())
        return { json, last, more: true };
    }
    return settle() ? { json, last, more: false } : { json, last, more: true };
  }

  /**
   * Lobby messages matching an FTS5 query (see worker/protocol/search-terms.ts), newest first, at
   * most `limit` and `maxBytes` of JSON.
   */
  search(match: string, limit: number, maxBytes: number): ServerMessageOf<'msg'>[] {
    const cursor = this.sql.exec<Row>(
      `SELECT ${M_COLUMNS} FROM messages_fts f JOIN messages m ON m.id = f.rowid
       WHERE messages_fts MATCH ? AND m.private = 0 AND m.kind = 'msg' AND m.deleted = 0
       ORDER BY m.id DESC LIMIT ?`,
      match,
      limit,
    );
    return this.takeWithin(cursor, limit, maxBytes, null).lines.flatMap((line) =>
      line.type === 'msg' ? [line] : [],
    );
  }

  /** The private message `id`, if it went from `fromName`'s… to `toSession`: the proof a receipt needs. */
  receivedBy(id: number, toSession: string): { fromSession: string; fromName: string } | null {
    const row = this.sql
      .exec<{ from_session: string; from_name: string }>(
        "SELECT from_session, from_name FROM messages WHERE id = ? AND private = 1 AND kind = 'msg' AND to_session = ?",
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
    this.dropOrphanEvents();
  }

  /** Deletes every stored message and receipt (the operator's purge). Returns how many messages went. */
  purge(): number {
    const n = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE kind = 'msg'").one().n;
    this.sql.exec('DELETE FROM messages');
    this.sql.exec('DELETE FROM receipts');
    this.sql.exec('DELETE FROM reactions');
    return n;
  }

  private prunePublic(now: number): void {
    this.insertsSincePrune = 0;
    this.sql.exec(
      `DELETE FROM messages WHERE private = 0 AND (at < ? OR id <= (
         SELECT id FROM messages WHERE private = 0 AND kind = 'msg' ORDER BY id DESC LIMIT 1 OFFSET ?))`,
      now - this.policy.maxAgeMs,
      this.policy.maxMessages,
    );
    this.dropOrphanEvents();
  }

  /** Events and reactions whose message is gone; an event younger than its message may outlive it. */
  private dropOrphanEvents(): void {
    this.sql.exec(
      `DELETE FROM messages WHERE target IS NOT NULL AND target NOT IN (SELECT id FROM messages WHERE kind = 'msg')`,
    );
    this.reactions.dropOrphans();
  }

  /**
   * A message as it is now (its reactions are added by the caller), or the frame for an event row
   * (null: its message is gone meanwhile).
   */
  private replayLine(row: Row, viewer: string): ChatLine | EventLine | null {
    if (row.kind === 'msg' || row.target === null) return toLine(row, viewer);
    return this.events.eventLine(row.kind, row.target, row.id);
  }

  /** The lines with their reactions attached (one query for the whole page). */
  private withReactions(lines: ChatLine[]): ChatLine[] {
    const summaries = this.reactions.summaries(lines.filter((l) => !l.deleted).map((l) => l.id));
    if (summaries.size === 0) return lines;
    return lines.map((l) => {
      const reactions = summaries.get(l.id);
      return reactions ? { ...l, reactions } : l;
    });
  }

  /**
   * Rows from `cursor` in its order, while there are fewer than `limit` and their JSON fits in
   * `maxBytes` (at least one, so a page always moves on); `more` says a row was left. Rows are read
   * only as far as the page needs, and their reactions fetched a few messages at a time, so a page
   * of large messages never holds more than a page's worth of them.
   */
  private takeWithin(
    cursor: Iterable<Row>,
    limit: number,
    maxBytes: number,
    viewer: string | null,
  ): { lines: ChatLine[]; more: boolean } {
    const out: ChatLine[] = [];
    let bytes = 0;
    let pending: ChatLine[] = [];
    let sizes: number[] = [];
    let pendingBytes = 0;
    /** Adds the pending lines with their reactions; false once one does not fit. */
    const settle = (): boolean => {
      const lines = this.withReactions(pending);
      for (const [i, line] of lines.entries()) {
        // A line without reactions is the same object, already measured.
        const size = line === pending[i] ? (sizes[i] ?? 0) : utf8Length(JSON.stringify(line)) + 1;
        if (out.length >= limit || (out.length > 0 && bytes + size > maxBytes)) return false;
        out.push(line);
        bytes += size;
      }
      pending = [];
      sizes = [];
      pendingBytes = 0;
      return true;
    };
    for (const row of cursor) {
      const line = toLine(row, viewer);
      if (!line) continue;
      const size = utf8Length(JSON.stringify(line)) + 1;
      pending.push(line);
      sizes.push(size);
      pendingBytes += size;
      const full = out.length + pending.length > limit || bytes + pendingBytes > maxBytes;
      if ((full || pending.length >= REACTIONS_FETCHED_TOGETHER) && !settle())
        return { lines: out, more: true };
    }
    return settle() ? { lines: out, more: false } : { lines: out, more: true };
  }
}

function isChatLine(line: ChatLine | EventLine): line is ChatLine {
  return line.type === 'msg' || line.type === 'pm';
}
