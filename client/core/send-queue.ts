// Messages the user has sent that the room has not confirmed yet. They survive a reconnect and
// are sent again, in order, once the user has rejoined; the room drops any it already handled.

import type { ClientMessageOf } from '#protocol/client-messages';

/** A message to send; `replyTo` is the id of the message it answers. */
export type OutgoingMessage =
  | { kind: 'msg'; text: string; replyTo?: number }
  | { kind: 'pm'; to: string; text: string; replyTo?: number };
export type QueuedMessage = OutgoingMessage & { cid: number };

export const MAX_QUEUED = 200;

export class SendQueue {
  private readonly items: QueuedMessage[] = [];

  constructor(private nextCid = 1) {}

  get size(): number {
    return this.items.length;
  }

  get peekNextCid(): number {
    return this.nextCid;
  }

  /** Adds a message; returns null when the queue is full. */
  add(message: OutgoingMessage): QueuedMessage | null {
    if (this.items.length >= MAX_QUEUED) return null;
    const item: QueuedMessage = { ...message, cid: this.nextCid++ };
    this.items.push(item);
    return item;
  }

  /** Takes the next id without queueing anything (for other requests that need a unique id). */
  reserve(): number {
    return this.nextCid++;
  }

  /** Removes the message the room confirmed or refused; false when it was not queued. */
  settle(cid: number): boolean {
    const index = this.items.findIndex((item) => item.cid === cid);
    if (index < 0) return false;
    this.items.splice(index, 1);
    return true;
  }

  all(): readonly QueuedMessage[] {
    return this.items;
  }
}

export function toWire(item: QueuedMessage, now: number): ClientMessageOf<'msg'> | ClientMessageOf<'pm'> {
  const reply = item.replyTo === undefined ? {} : { reply_to: item.replyTo };
  return item.kind === 'msg'
    ? { type: 'msg', cid: item.cid, text: item.text, ts: now, ...reply }
    : { type: 'pm', cid: item.cid, to: item.to, text: item.text, ts: now, ...reply };
}
