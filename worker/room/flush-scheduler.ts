// When the outbox flushes: as soon as the previous flush has finished, never on a timer. Used by
// worker/room/outbox.ts, unit-tested in Node (test/unit/worker/room/flush-scheduler.test.ts).

/**
 * An idle room flushes at once: the first message queued starts a flush (run after the task that
 * queued it, in the room's serial queue). Everything queued before that flush begins goes with it,
 * and everything queued while it runs goes with the next one, started once. Batching comes from the
 * work itself: a busy room gathers what arrives while it seals and sends, a quiet one adds no delay.
 */
export class FlushScheduler {
  private pending = false;

  /** `start` queues one flush to run after the current task (the room's serial queue). */
  constructor(private readonly start: () => void) {}

  /** Something was queued: a flush is pending (or started now) that will send it. */
  request(): void {
    if (this.pending) return;
    this.pending = true;
    this.start();
  }

  /** A flush begins and takes everything queued so far; what comes next needs another flush. */
  begin(): void {
    this.pending = false;
  }
}
