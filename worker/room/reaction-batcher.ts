// Gathers reaction toggles and hands them over once per interval, the way typing-batcher.ts does
// typing: however many people react to a message in a burst, each recipient gets one `reaction`
// frame for it per flush, carrying the message's whole reaction state. The toggles themselves are
// already in SQLite (handlers/message-events.ts), so an eviction before the flush loses no reaction,
// only the live frame; a resume replays it. Tested in test/worker/message-events.test.ts.

export class ReactionBatcher {
  /** Message ids touched since the last flush, with the last person who reacted to each. */
  private pending = new Map<number, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** How long to gather toggles; grows with the room's size, like typing (typingDelay). */
    private readonly delayMs: () => number,
    private readonly flush: (changed: ReadonlyMap<number, string>) => void,
  ) {}

  changed(messageId: number, by: string): void {
    this.pending.set(messageId, by);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const changed = this.pending;
      this.pending = new Map();
      if (changed.size > 0) this.flush(changed);
    }, this.delayMs());
  }
}
