// Gathers joins, leaves and published end-to-end keys for a few milliseconds and hands them over as one batch, so a wave of
// joins costs one presence frame per member instead of one per member per join.
// The timer is one-shot and only runs while a batch is pending; an idle room keeps none.
// Keys still waiting here can be sent ahead to one recipient (keysAhead), so a fresh sender's
// first private message or file offer does not reach it before the keys that sign it.

import type { PublishedKeys } from '../protocol/e2e-messages';
import type { LeaveReason, PresenceChange } from '../protocol/server-messages';
import { nameKey } from '../protocol/username';

export type PresenceBatch = PresenceChange[];

export class PresenceBatcher {
  private batch: PresenceBatch = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The newest keys in the batch, by name key: what keysAhead can send before the flush. */
  private readonly waitingKeys = new Map<string, PublishedKeys>();
  /** Sender and recipient name keys already sent ahead in this batch: once each, not per message. */
  private readonly sentAhead = new Set<string>();

  constructor(
    /** How long to gather changes; may depend on the room's size (see presenceDelay). */
    private readonly delayMs: () => number,
    /** Called when the delay is over; `take` hands over the batch (maybe empty) when it is delivered. */
    private readonly flush: (take: () => PresenceBatch) => void,
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
    this.waitingKeys.set(nameKey(name), keys);
    this.schedule();
  }

  /**
   * `sender`'s keys while their announcement still waits in this batch, for `recipient` to get
   * just before a private message or sealed file offer from `sender` (keys-ahead.ts).
   * Once per sender and recipient per batch; null when nothing waits or it was sent already.
   */
  keysAhead(sender: string, recipient: string): PublishedKeys | null {
    const key = nameKey(sender);
    const keys = this.waitingKeys.get(key);
    if (!keys) return null;
    const pair = `${key}\u0000${nameKey(recipient)}`;
    if (this.sentAhead.has(pair)) return null;
    this.sentAhead.add(pair);
    return keys;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush(() => this.take());
    }, this.delayMs());
  }

  /**
   * The batch, taken when it is delivered (in the room's serial queue), not when the timer fired:
   * until then its keys can still go ahead of a message queued in between. Changes made meanwhile
   * join it; the later timer they set then finds an empty batch.
   */
  private take(): PresenceBatch {
    const batch = this.batch;
    this.batch = [];
    this.waitingKeys.clear();
    this.sentAhead.clear();
    return batch;
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
