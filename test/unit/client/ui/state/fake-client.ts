// A stand-in for ChatClient in the UI-state model tests: a test plays the room by firing the
// client's events, and reads what the models asked the client to send (pages, searches, typing,
// receipts). No sockets, no timers.

import type { ClientEvents } from '../../../../../client/core/chat-client';
import { Emitter } from '../../../../../client/core/emitter';

export class FakeClient extends Emitter<ClientEvents> {
  /** Whether the client is online: loadOlder, typing and receipts go only then. */
  online = true;
  readonly olderAsked: number[] = [];
  readonly searched: string[] = [];
  readonly typingSent: (string | null)[] = [];
  readonly receiptsSent: { from: string; delivered: number; seen: number }[] = [];

  /** Plays the room: delivers an event as ChatClient would. */
  fire<K extends keyof ClientEvents>(event: K, payload: ClientEvents[K]): void {
    this.emit(event, payload);
  }

  loadOlder(before: number): boolean {
    if (this.online) this.olderAsked.push(before);
    return this.online;
  }

  search(query: string): boolean {
    if (this.online) this.searched.push(query);
    return this.online;
  }

  sendTyping(to: string | null): boolean {
    if (this.online) this.typingSent.push(to);
    return this.online;
  }

  sendReceipt(from: string, delivered: number, seen: number): boolean {
    if (this.online) this.receiptsSent.push({ from, delivered, seen });
    return this.online;
  }
}
