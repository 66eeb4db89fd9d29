// When the outbox flushes: as soon as the previous flush has finished, with no timer. Used by
// outbox.ts; unit-tested in Node (test/unit/worker/room/flush-scheduler.test.ts).

/**
 * An idle room flushes at once: the first message asks for a flush and it runs right after the
 * task that queued it. Batching comes from the work itself: whatever is queued while a flush is
 * waiting to run, or running, goes out together in the next one. There is no fixed gap (the former
 * 5 ms Nagle-style FLUSH_GAP_MS): it capped one sender in a small room at about 175 messages/s and
 * added up to 5 ms to every message in a busy one.
 */
export class FlushScheduler {
  /** Queued: a flush will run and take everything queued until it starts. */
  private queued = false;
  private running = false;
  /** Asked for while a flush was running: one more follows it. */
  private again = false;

  constructor(
    /** Runs `task` after everything already queued on the room's serial queue. */
    private readonly enqueueTask: (task: () => Promise<void>) => void,
    private readonly flush: () => Promise<void>,
  ) {}

  /** Something was queued: a flush will run, at once if the room is idle. */
  request(): void {
    if (this.queued) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.queued = true;
    this.enqueueTask(() => this.run());
  }

  private async run(): Promise<void> {
    // Order matters: cleared before the flush reads the queues, so anything queued from here on
    // asks for the next flush.
    this.queued = false;
    this.running = true;
    try {
      await this.flush();
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.request();
      }
    }
  }
}
