// Group commit: the writes of a chat message (its row, the sender's handled `cid`, the audit row)
// wait for the room's next outbox flush, which runs them all in one transaction before it sends
// anything. workerd commits a Durable Object's writes once per turn of its event loop and holds every
// outgoing frame until that commit is durable (the output gate), so messages handled between two
// flushes now share one commit instead of paying one each. Nothing is lost by waiting: no copy of a
// message, its echo included, can leave before the flush that writes it. Used by outbox.ts (the flush
// drains first), messages/message-store.ts (rows), handlers/chat.ts; reads of the message tables drain
// first (`readsAfterWrites`), so no page, replay or lookup misses a message already handled.
// Unit-tested in Node (test/unit/worker/room/write-behind.test.ts).

/** Runs a closure as one transaction: all of its writes or none (ctx.storage.transactionSync). */
export type Transaction = (writes: () => void) => void;

export class WriteBehind {
  private waiting: (() => void)[] = [];
  /** Set by a failed drain: every later drain fails too, so nothing handled before it is ever sent. */
  private failed: unknown = null;

  constructor(
    private readonly transaction: Transaction,
    /** The first write is waiting: a flush must follow (the outbox's). */
    private readonly onWaiting: () => void,
    /**
     * A drain failed and none of its writes was kept: messages were handled and queued for sending
     * that are not stored. The room must not send them; it resets (chat-room.ts).
     */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** How many writes are waiting. */
  get size(): number {
    return this.waiting.length;
  }

  /** Queues a write for the next drain; the writes run in the order they were queued. */
  defer(write: () => void): void {
    this.waiting.push(write);
    if (this.waiting.length === 1) this.onWaiting();
  }

  /**
   * Runs every waiting write now, in order, in one transaction. On a failure none of them is kept:
   * `onFailure` is told, and the error is thrown on to the caller, which must not send; so is every
   * later drain's (the room is resetting).
   */
  drain(): void {
    if (this.failed !== null) throw this.failed;
    if (this.waiting.length === 0) return;
    // Order matters: taken before they run, so a read inside a write does not drain again.
    const writes = this.waiting;
    this.waiting = [];
    try {
      this.transaction(() => {
        for (const write of writes) write();
      });
    } catch (error) {
      this.failed = error ?? new Error('a write failed');
      this.onFailure(error);
      throw error;
    }
  }
}

/**
 * `sql` whose every statement first runs the waiting writes: for the message tables, so that a page,
 * a replay, a search or an event's lookup sees every message already handled, and an event row
 * takes its id after them (messages/message-ids.ts).
 */
export function readsAfterWrites<Sql extends { exec(query: string, ...bindings: never[]): unknown }>(
  sql: Sql,
  writes: WriteBehind,
): Pick<Sql, 'exec'> {
  const exec = (query: string, ...bindings: unknown[]) => {
    writes.drain();
    return sql.exec(query, ...(bindings as never[]));
  };
  // The same signature as `sql.exec`, generic type parameters included.
  return { exec } as unknown as Pick<Sql, 'exec'>;
}
