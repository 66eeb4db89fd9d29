// Issue 13's fan-out: one sender publishes as fast as the pipeline allows (10 in flight, as in the
// plain fan-out), but one operation in ten is an edit or a reaction to one of its own earlier
// messages instead of a new message. Throughput counts every copy the other members decrypt:
// messages, `edited` and `reaction` frames. An edit holds its place in flight until every member
// has it, like a message. A reaction does not: the room gathers reactions on a timer
// (reaction-batcher.ts) that grows with the room, so waiting for it would measure the timer.

import type { BenchClient, ClientGroup } from '../clients';
import type { DevServer } from '../server';
import { now, waitUntil } from '../time';
import { messageText, parseSeq } from './message-text';

export interface EventFanoutResult {
  clients: number;
  /** Operations sent: messages, edits and reactions. */
  messages: number;
  edits: number;
  reactions: number;
  /** Copies decrypted by members other than the sender, of every kind. */
  deliveries: number;
  /** Of those, copies of edits and reactions. */
  eventDeliveries: number;
  /** Copies of messages and edits still missing when the drain timed out. */
  missing: number;
  seconds: number;
  deliveriesPerSec: number;
}

/** One operation in this many is an edit or a reaction (alternately). */
const EVENT_EVERY = 10;

export async function runEventFanout(
  _server: DevServer,
  group: ClientGroup,
  options: { inFlight: number; durationMs: number; drainTimeoutMs: number; tag: string },
): Promise<EventFanoutResult> {
  const clients = group.clients;
  const first = clients[0];
  if (!first) throw new Error('the event fan-out needs at least one client');
  const sender: BenchClient = first;
  const receivers = clients.length - 1;
  /** Messages and edits in flight, by sequence number: copies still to arrive. */
  const pending = new Map<number, number>();
  /** The sender's own messages, by room id, oldest first: the latest is what it edits and reacts to. */
  const ownIds: number[] = [];
  let lastReacted = -1;
  let nextSeq = 0;
  let sending = true;
  let messages = 0;
  let edits = 0;
  let reactions = 0;
  let deliveries = 0;
  let eventDeliveries = 0;
  let firstSendAt = Number.NaN;
  let lastDeliveryAt = Number.NaN;
  let sendErrors = 0;

  const settle = (seq: number) => {
    const remaining = pending.get(seq);
    if (remaining === undefined) return;
    if (remaining > 1) pending.set(seq, remaining - 1);
    else {
      pending.delete(seq);
      pump();
    }
  };

  const send = (client: BenchClient, op: Parameters<BenchClient['sendMessage']>[0]) =>
    client.sendMessage(op).catch(() => sendErrors++);

  function pump(): void {
    while (sending && pending.size < options.inFlight) {
      const seq = nextSeq++;
      if (Number.isNaN(firstSendAt)) firstSendAt = now();
      const text = messageText(options.tag, seq);
      const target = ownIds[ownIds.length - 1];
      if (seq % EVENT_EVERY === EVENT_EVERY - 1 && target !== undefined) {
        if (Math.floor(seq / EVENT_EVERY) % 2 === 0) {
          // An edit: the latest own message gets this operation's text.
          pending.set(seq, receivers);
          edits++;
          send(sender, { type: 'edit', id: target, text });
          continue;
        }
        // A reaction to the latest own message, if it has none yet (the oldest may be pruned from
        // history by now), then a message in its slot.
        if (target > lastReacted) {
          const reactTo = target;
          lastReacted = target;
          reactions++;
          send(sender, { type: 'react', id: reactTo, emoji: '👍', on: true });
        }
      }
      pending.set(seq, receivers);
      messages++;
      sender.sendPublic(text).catch(() => sendErrors++);
    }
  }

  group.sink = (client, message, at) => {
    const seq = parseSeq(options.tag, message.text);
    if (seq === null) return;
    if (client === sender) {
      if (message.cid !== undefined) ownIds.push(message.id);
      return;
    }
    deliveries++;
    lastDeliveryAt = at;
    settle(seq);
  };
  group.otherSink = (client, message, at) => {
    if (client === sender) return;
    if (message.type === 'edited') {
      const seq = parseSeq(options.tag, message.text);
      if (seq === null) return;
      deliveries++;
      eventDeliveries++;
      lastDeliveryAt = at;
      settle(seq);
    } else if (message.type === 'reaction') {
      deliveries++;
      eventDeliveries++;
      lastDeliveryAt = at;
    }
  };

  const problemsBefore = group.problemCount;
  pump();
  await waitUntil(() => sendErrors > 0 || group.problemCount > problemsBefore, options.durationMs, 50);
  sending = false;
  await waitUntil(() => pending.size === 0, options.drainTimeoutMs);
  group.sink = null;
  group.otherSink = null;

  let missing = 0;
  for (const remaining of pending.values()) missing += remaining;
  const seconds = (lastDeliveryAt - firstSendAt) / 1000;
  return {
    clients: clients.length,
    messages,
    edits,
    reactions,
    deliveries,
    eventDeliveries,
    missing,
    seconds,
    deliveriesPerSec: seconds > 0 ? deliveries / seconds : 0,
  };
}
