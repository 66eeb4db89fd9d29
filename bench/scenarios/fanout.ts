// Scenario 2: fan-out throughput. One or more senders publish as fast as the pipeline allows,
// each with a bounded number of messages in flight (sent but not yet decrypted by every receiver).

import type { BenchClient, ClientGroup } from '../clients';
import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { DevServer } from '../server';
import { now, waitUntil } from '../time';
import { messageText, parseSeq } from './message-text';

export interface FanoutResult {
  clients: number;
  senders: number;
  inFlightPerSender: number;
  sent: number;
  /** Decrypted copies at receivers other than the sender (the sender's own echo is not counted). */
  deliveries: number;
  /** Copies still missing when the drain timed out. */
  missing: number;
  seconds: number;
  deliveriesPerSec: number;
  messagesPerSec: number;
  /** CPU microseconds spent per delivery, by process: what one copy costs each side. */
  cpuUsPerDelivery: { room: number; proxy: number; bench: number };
  cpu: CpuShares;
}

interface SenderState {
  client: BenchClient;
  inFlight: number;
}

export async function runFanout(
  server: DevServer,
  group: ClientGroup,
  options: {
    senders: number;
    inFlightPerSender: number;
    durationMs: number;
    drainTimeoutMs: number;
    tag: string;
  },
): Promise<FanoutResult> {
  const clients = group.clients;
  const receiversPerMessage = clients.length - 1;
  const senders: SenderState[] = clients.slice(0, options.senders).map((client) => ({ client, inFlight: 0 }));
  const pending = new Map<number, { remaining: number; sender: SenderState }>();
  let nextSeq = 0;
  let sending = true;
  let deliveries = 0;
  let firstSendAt = Number.NaN;
  let lastDeliveryAt = Number.NaN;
  let sendErrors = 0;

  const pump = (sender: SenderState) => {
    while (sending && sender.inFlight < options.inFlightPerSender) {
      const seq = nextSeq++;
      pending.set(seq, { remaining: receiversPerMessage, sender });
      sender.inFlight++;
      if (Number.isNaN(firstSendAt)) firstSendAt = now();
      sender.client.sendPublic(messageText(options.tag, seq)).catch(() => sendErrors++);
    }
  };

  group.sink = (_client, message, at) => {
    if (message.cid !== undefined) return; // the sender's own echo
    const seq = parseSeq(options.tag, message.text);
    if (seq === null) return;
    deliveries++;
    lastDeliveryAt = at;
    const entry = pending.get(seq);
    if (!entry) return;
    if (--entry.remaining === 0) {
      pending.delete(seq);
      entry.sender.inFlight--;
      pump(entry.sender);
    }
  };

  const problemsBefore = group.problemCount;
  const stopMeter = startCpuMeter(server);
  for (const sender of senders) pump(sender);
  await waitUntil(() => sendErrors > 0 || group.problemCount > problemsBefore, options.durationMs, 50);
  sending = false;
  await waitUntil(() => pending.size === 0, options.drainTimeoutMs);
  const cpu = stopMeter();
  group.sink = null;

  let missing = 0;
  for (const entry of pending.values()) missing += entry.remaining;
  const seconds = (lastDeliveryAt - firstSendAt) / 1000;
  const perDelivery = (percent: number) => (deliveries > 0 ? (percent * cpu.wallSec * 1e4) / deliveries : 0);
  return {
    clients: clients.length,
    senders: senders.length,
    inFlightPerSender: options.inFlightPerSender,
    sent: nextSeq,
    deliveries,
    missing,
    seconds,
    deliveriesPerSec: seconds > 0 ? deliveries / seconds : 0,
    messagesPerSec: seconds > 0 ? (nextSeq - pending.size) / seconds : 0,
    cpuUsPerDelivery: {
      room: perDelivery(cpu.workerdRoom),
      proxy: perDelivery(cpu.workerdProxy),
      bench: perDelivery(cpu.bench),
    },
    cpu,
  };
}
