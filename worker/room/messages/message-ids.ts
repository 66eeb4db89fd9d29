// Ids for message rows written behind (write-behind.ts): a chat message gets its id when it is
// handled, and its row is written at the next flush. The ids continue the `messages` table's
// AUTOINCREMENT sequence, so an id is never reused, even after pruning or a purge emptied the table
// (clients resume with the last id they have). Only message rows are written behind; event rows
// (reactions, edits, deletions) are written at once, after draining, and take the table's next id
// themselves. Used by message-store.ts.

export class MessageIds {
  /** The last id handed out whose row is not written yet; null when every handed-out row is written. */
  private last: number | null = null;
  private unwritten = 0;

  constructor(private readonly sql: SqlStorage) {}

  /** The next message's id. */
  take(): number {
    const id = (this.last ?? this.stored()) + 1;
    this.last = id;
    this.unwritten++;
    return id;
  }

  /** A row with a taken id was written (SQLite's sequence now covers it). */
  written(): void {
    this.unwritten--;
    if (this.unwritten === 0) this.last = null;
  }

  /** The highest id the table ever used: its AUTOINCREMENT sequence (0 for a new table). */
  private stored(): number {
    const row = this.sql
      .exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'messages'")
      .toArray()[0];
    return row?.seq ?? 0;
  }
}
