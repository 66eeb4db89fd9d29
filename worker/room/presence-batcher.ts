// Gathers joins, leaves and published end-to-end keys for a few milliseconds and hands them over as one batch, so a wave of
// joins costs one presence frame per member instead of one per member per join.
// The timer is one-shot and only runs while a batch is pending; an idle room keeps none.

import type { PublishedKeys } from '../protocol/e2e-messages';
import type { LeaveReason, PresenceChange } from '../protocol/server-messages';

export type PresenceBatch = PresenceChange[];

export class PresenceBatcher {
  private batch: PresenceBatch = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** How long to gather changes; may depend on the room's size (see presenceDelay). */
    private readonly delayMs: () => number,
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

  /** `name` published keys (key-directory.ts): after its join, so they follow it in the batch. */
  keys(name: string, keys: PublishedKeys): void {
    this.batch.push({ change: 'keys', name, keys });
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = this.batch;
      this.batch = [];
      this.flush(batch);
    }, this.delayMs());
  }
}

/**
 * Small rooms see joins within PRESENCE_COALESCE_MS. Every flush costs one frame per member, so
 * big rooms gather longer (up to half a second at 1,000 members), keeping the total number of
 * presence frames during a wave of joins roughly linear in the room's size instead of quadratic.
 */
export function presenceDelay(members: number, baseMs: number): number {
  return Math.min(500, Math.max(baseMs, members / 2));
}
