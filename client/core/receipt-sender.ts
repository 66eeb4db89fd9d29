// The recipient's side of read receipts: remembers the newest private message received and seen
// from each peer, and tells the room, cumulatively, a moment later (one frame covers a burst).
// What could not go (offline) goes after the next join; the room keeps the highest values, so
// sending one twice is harmless.

import { nameKey } from '#protocol/username';

/** Receipts wait this long, so a burst of messages is acknowledged in one frame. */
export const RECEIPT_DELAY_MS = 150;

interface PeerState {
  name: string;
  received: number;
  seen: number;
  sentDelivered: number;
  sentSeen: number;
}

export class ReceiptSender {
  private peers = new Map<string, PeerState>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Sends one receipt; false when offline (it is kept for later). */
    private readonly send: (from: string, delivered: number, seen: number) => boolean,
    // A wrapper, not `setTimeout` itself: browsers refuse it called as a method of this object.
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = (run, ms) =>
      setTimeout(run, ms),
  ) {}

  /** Our client received and decrypted private message `id` from `from`. */
  received(from: string, id: number): void {
    const peer = this.peer(from);
    if (id <= peer.received) return;
    peer.received = id;
    this.later();
  }

  /** The conversation with `from` is on screen in a focused, visible window. */
  seen(from: string): void {
    const peer = this.peers.get(nameKey(from));
    if (!peer || peer.seen >= peer.received) return;
    peer.seen = peer.received;
    this.later();
  }

  /** Sends whatever is new now (after a join, receipts held while offline go too). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const peer of this.peers.values()) {
      if (peer.received <= peer.sentDelivered && peer.seen <= peer.sentSeen) continue;
      if (!this.send(peer.name, peer.received, peer.seen)) continue;
      peer.sentDelivered = peer.received;
      peer.sentSeen = peer.seen;
    }
  }

  /** A new identity: nothing from before applies. */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.peers.clear();
  }

  private later(): void {
    this.timer ??= this.schedule(() => this.flush(), RECEIPT_DELAY_MS);
  }

  private peer(name: string): PeerState {
    const key = nameKey(name);
    let peer = this.peers.get(key);
    if (!peer) {
      peer = { name, received: 0, seen: 0, sentDelivered: 0, sentSeen: 0 };
      this.peers.set(key, peer);
    }
    return peer;
  }
}
