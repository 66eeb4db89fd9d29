// Who reacted with what to which message: one row per (message, emoji, person), toggled on and off
// (migration 9). Summaries go out in `reaction` frames and on messages in history pages and replay.
// Bound parameters only; ids come from the room's own rows.

import { REACTION_NAMES_SHOWN } from '../../protocol/message-events';
import type { ReactionSummary } from '../../protocol/message-state';
import type { SqlExec } from '../room-writes';

export class ReactionsTable {
  constructor(private readonly sql: SqlExec) {}

  /** Adds or removes one person's reaction; returns whether anything changed. */
  toggle(
    messageId: number,
    emoji: string,
    who: { key: string; name: string },
    on: boolean,
    at: number,
  ): boolean {
    const cursor = on
      ? this.sql.exec(
          `INSERT INTO reactions (message_id, emoji, name_key, name, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
          messageId,
          emoji,
          who.key,
          who.name,
          at,
        )
      : this.sql.exec(
          'DELETE FROM reactions WHERE message_id = ? AND emoji = ? AND name_key = ?',
          messageId,
          emoji,
          who.key,
        );
    return cursor.rowsWritten > 0;
  }

  /** Whether `emoji` is already on the message, and how many distinct emoji it has. */
  distinct(messageId: number, emoji: string): { has: boolean; count: number } {
    const row = this.sql
      .exec<{ count: number; has: number }>(
        'SELECT COUNT(DISTINCT emoji) AS count, MAX(emoji = ?) AS has FROM reactions WHERE message_id = ?',
        emoji,
        messageId,
      )
      .one();
    return { has: row.has === 1, count: row.count };
  }

  /**
   * Each message's reactions, in the order each emoji was first used; messages without any are
   * absent. SQLite counts the reactors and returns at most REACTION_NAMES_SHOWN names per emoji, so
   * a popular message costs the room no more than a quiet one.
   */
  summaries(ids: readonly number[]): Map<number, ReactionSummary[]> {
    const out = new Map<number, ReactionSummary[]>();
    if (ids.length === 0) return out;
    const rows = this.sql.exec<{ message_id: number; emoji: string; name: string; n: number }>(
      `SELECT message_id, emoji, name, n FROM (
         SELECT message_id, emoji, name, at, name_key,
           ROW_NUMBER() OVER (PARTITION BY message_id, emoji ORDER BY at, name_key) AS rn,
           COUNT(*) OVER (PARTITION BY message_id, emoji) AS n,
           MIN(at) OVER (PARTITION BY message_id, emoji) AS first
         FROM reactions WHERE message_id IN (SELECT value FROM json_each(?)))
       WHERE rn <= ? ORDER BY message_id, first, emoji, rn`,
      JSON.stringify(ids),
      REACTION_NAMES_SHOWN,
    );
    const byEmoji = new Map<number, Map<string, ReactionSummary>>();
    for (const r of rows) {
      const emojis = byEmoji.get(r.message_id) ?? new Map<string, ReactionSummary>();
      byEmoji.set(r.message_id, emojis);
      const summary = emojis.get(r.emoji) ?? { emoji: r.emoji, count: r.n, names: [] };
      emojis.set(r.emoji, summary);
      summary.names.push(r.name);
    }
    for (const [id, emojis] of byEmoji) out.set(id, [...emojis.values()]);
    return out;
  }

  /** A deleted message keeps no reactions. */
  clear(messageId: number): void {
    this.sql.exec('DELETE FROM reactions WHERE message_id = ?', messageId);
  }

  /** Reactions whose message is gone (pruned or purged). */
  dropOrphans(): void {
    this.sql.exec('DELETE FROM reactions WHERE message_id NOT IN (SELECT id FROM messages)');
  }
}
