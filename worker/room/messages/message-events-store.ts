// Reactions, edits and deletions in the room's SQLite (migration 9). Each is an event row in the
// `messages` table that refers to its target message, one per target and kind (a newer one replaces
// the older), so it takes its place in the id sequence that resume replay follows (message-store.ts
// sincePage). An edit rewrites the message's text in place and a delete empties it: the room keeps
// only the latest text, and the FTS triggers follow. Used by worker/room/handlers/message-events.ts.

import type { ServerMessageOf } from '../../protocol/server-messages';
import type { SqlExec } from '../room-writes';
import type { RowKind } from './message-rows';
import type { ReactionsTable } from './reactions-table';

/** A message an event may refer to: stored, not deleted. */
export interface EventTarget {
  id: number;
  private: boolean;
  fromName: string;
  fromSession: string;
  toSession: string | null;
  at: number;
  /** A private message sealed end to end: the room cannot read it, so it cannot be edited. */
  sealed: boolean;
}

export type EventLine = ServerMessageOf<'reaction'> | ServerMessageOf<'edited'> | ServerMessageOf<'deleted'>;

type EventKind = Exclude<RowKind, 'msg'>;

export class MessageEventStore {
  constructor(
    /** Every statement here first runs the writes waiting behind (write-behind.ts). */
    private readonly sql: SqlExec,
    readonly reactions: ReactionsTable,
  ) {}

  /** Message `id` if `session` may see it: a Lobby message, or a private one it is a party to. */
  target(id: number, session: string): EventTarget | null {
    const row = this.sql
      .exec<{
        id: number;
        private: number;
        from_name: string;
        from_session: string;
        to_session: string | null;
        at: number;
        sealed: number;
      }>(
        `SELECT id, private, from_name, from_session, to_session, at, envelope IS NOT NULL AS sealed FROM messages
         WHERE id = ? AND kind = 'msg' AND deleted = 0 AND (private = 0 OR from_session = ? OR to_session = ?)`,
        id,
        session,
        session,
      )
      .toArray()[0];
    if (!row) return null;
    return {
      id: row.id,
      private: row.private === 1,
      fromName: row.from_name,
      fromSession: row.from_session,
      toSession: row.to_session,
      at: row.at,
      sealed: row.sealed === 1,
    };
  }

  /** Message `id` whatever its audience, for the operator (DELETE /api/admin/messages/:id). */
  anyTarget(id: number): EventTarget | null {
    const row = this.sql
      .exec<{ from_session: string }>(
        "SELECT from_session FROM messages WHERE id = ? AND kind = 'msg' AND deleted = 0",
        id,
      )
      .toArray()[0];
    return row ? this.target(id, row.from_session) : null;
  }

  /** Replaces the message's text; returns the event. */
  edit(id: number, text: string, actor: string, now: number): ServerMessageOf<'edited'> {
    this.sql.exec("UPDATE messages SET text = ?, edited_at = ? WHERE id = ? AND kind = 'msg'", text, now, id);
    return { type: 'edited', id, seq: this.record(id, 'edited', actor, now), text, editedAt: now };
  }

  /**
   * Makes the message a tombstone: its text (or a sealed one's envelope) goes from the table and the
   * search index, its reactions and earlier events with it. Returns the event.
   */
  remove(id: number, actor: string, now: number): ServerMessageOf<'deleted'> {
    this.sql.exec(
      "UPDATE messages SET text = '', envelope = NULL, deleted = 1, edited_at = NULL WHERE id = ? AND kind = 'msg'",
      id,
    );
    this.reactions.clear(id);
    this.sql.exec("DELETE FROM messages WHERE target = ? AND kind IN ('reaction', 'edited')", id);
    return { type: 'deleted', id, seq: this.record(id, 'deleted', actor, now) };
  }

  /**
   * Records that the message's reactions changed, at a new place in the sequence, and returns the
   * frame with its reactions now (null when the message is gone meanwhile).
   */
  reactionChanged(id: number, actor: string, now: number): ServerMessageOf<'reaction'> | null {
    const alive = this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM messages WHERE id = ? AND kind = 'msg' AND deleted = 0",
        id,
      )
      .one().n;
    if (alive === 0) return null;
    const seq = this.record(id, 'reaction', actor, now);
    return { type: 'reaction', id, seq, reactions: this.reactions.summaries([id]).get(id) ?? [] };
  }

  /** The frame a replay sends for an event row (`target` is its message, `id` its place). */
  eventLine(kind: EventKind, target: number, seq: number): EventLine | null {
    switch (kind) {
      case 'deleted':
        return { type: 'deleted', id: target, seq };
      case 'reaction':
        return {
          type: 'reaction',
          id: target,
          seq,
          reactions: this.reactions.summaries([target]).get(target) ?? [],
        };
      case 'edited': {
        const row = this.sql
          .exec<{ text: string; edited_at: number | null }>(
            "SELECT text, edited_at FROM messages WHERE id = ? AND kind = 'msg' AND deleted = 0",
            target,
          )
          .toArray()[0];
        return row ? { type: 'edited', id: target, seq, text: row.text, editedAt: row.edited_at ?? 0 } : null;
      }
      default: {
        const unreachable: never = kind;
        return unreachable;
      }
    }
  }

  /**
   * Writes the event row: it replaces the target's earlier one of the same kind and copies the
   * target's audience, so replay shows it to exactly the people who see the message. Returns its id.
   */
  private record(target: number, kind: EventKind, actor: string, now: number): number {
    this.sql.exec('DELETE FROM messages WHERE target = ? AND kind = ?', target, kind);
    return this.sql
      .exec<{ id: number }>(
        `INSERT INTO messages (kind, target, private, from_name, from_session, to_name, to_session, cid, text, ts, at)
         SELECT ?, id, private, ?, from_session, to_name, to_session, 0, '', ?, ? FROM messages WHERE id = ?
         RETURNING id`,
        kind,
        actor,
        now,
        now,
        target,
      )
      .one().id;
  }
}
