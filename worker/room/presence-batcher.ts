// Gathers joins and leaves for a few milliseconds and hands them over as one batch, so a wave of
// joins costs one presence frame per member instead of one per member per join.
// The timer is one-shot and only runs while a batch is pending; an idle room keeps none.

import type { LeaveReason, PresenceChange } from '../protocol/server-messages';

export type PresenceBatch = PresenceChange[];

export class PresenceBatcher {
  private batch: PresenceBatch = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly flush: (batch: PresenceBatch) => void,
  ) {}

  join(name: string): void {
    this.batch.push({ change: 'join', name });
    this.schedule();
  }

  leave(name: string, reason: LeaveReason): void {
    this.batch.push({ change: 'leave', name, reason });
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = this.batch;
      this.batch = [];
      this.flush(batch);
    }, this.delayMs);
  }
}
