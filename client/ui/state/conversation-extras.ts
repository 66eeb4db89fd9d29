// The chat store's live extras around the messages: who is typing where (expiring by timer), how
// far each peer has received and seen our private messages, and our own receipts to send.
// Fed by ChatClient events; the chat store wires it up and the components read its signals.
// Tested in test/unit/client/ui/state/conversations.test.ts (receipts).

import { type Signal, signal } from '@preact/signals';
import { nameKey } from '#protocol/username';
import type { ChatClient } from '../../core/chat-client';
import { ReceiptSender } from '../../core/receipt-sender';
import { TypingSignal } from '../../core/typing-signal';
import { type TypingPlace, TypingTracker } from '../../core/typing-tracker';

export interface PeerReceipt {
  delivered: number;
  seen: number;
}

export interface ConversationExtras {
  /** Who is typing, per place (null: the Lobby; else the peer's lower-cased name). */
  readonly typing: Signal<ReadonlyMap<TypingPlace, string[]>>;
  /** Receipts for our private messages, by the peer's lower-cased name. */
  readonly receipts: Signal<ReadonlyMap<string, PeerReceipt>>;
  /** A keystroke in the composer for the Lobby (null) or a peer. */
  typed(to: string | null): void;
  /** We sent a message there: our next keystroke signals again at once. */
  sent(to: string | null): void;
  /** A message arrived: its sender stops typing there; a private one is acknowledged. */
  arrived(from: string, to: string | null, id: number, mine: boolean): void;
  /** `name` left the room: their indicators go. */
  left(name: string): void;
  /** The conversation with `peer` is on screen in a focused, visible window. */
  seen(peer: string): void;
  /** A new identity: forget everything. */
  reset(): void;
}

/** What the extras use of the client: its events, and sending typing hints and receipts. */
export type ExtrasClient = Pick<ChatClient, 'on' | 'sendTyping' | 'sendReceipt'>;

export function createConversationExtras(client: ExtrasClient): ConversationExtras {
  const tracker = new TypingTracker();
  const typing = signal<ReadonlyMap<TypingPlace, string[]>>(new Map());
  const receipts = signal<ReadonlyMap<string, PeerReceipt>>(new Map());
  const signalTyping = new TypingSignal((to) => client.sendTyping(to));
  const sender = new ReceiptSender((from, delivered, seen) => client.sendReceipt(from, delivered, seen));
  let expiry: ReturnType<typeof setTimeout> | undefined;

  /** Recomputes the typing signal and sets a timer for the next expiry. */
  const refresh = () => {
    typing.value = tracker.snapshot(Date.now());
    clearTimeout(expiry);
    const due = tracker.nextExpiry();
    if (due !== null) expiry = setTimeout(refresh, Math.max(0, due - Date.now()));
  };

  client.on('typing', (notice) => {
    tracker.apply(notice.names, notice.private, Date.now());
    refresh();
  });
  client.on('receipt', (r) => {
    const next = new Map(receipts.value);
    const old = next.get(nameKey(r.peer));
    next.set(nameKey(r.peer), {
      delivered: Math.max(old?.delivered ?? 0, r.delivered),
      seen: Math.max(old?.seen ?? 0, r.seen),
    });
    receipts.value = next;
  });
  // Receipts held while offline go once the name is back.
  client.on('joined', () => sender.flush());

  return {
    typing,
    receipts,
    typed: (to) => signalTyping.typed(to),
    sent: (to) => signalTyping.sent(to),
    arrived(from, to, id, mine) {
      if (mine) return;
      tracker.clear(from, to === null ? 'lobby' : 'private');
      refresh();
      if (to !== null) sender.received(from, id);
    },
    left(name) {
      tracker.clear(name, 'everywhere');
      refresh();
    },
    seen: (peer) => sender.seen(peer),
    reset() {
      sender.reset();
      receipts.value = new Map();
    },
  };
}
