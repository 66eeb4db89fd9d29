// Scenario 3: delivery latency at a fixed, moderate load. Messages go out at a steady total rate
// from rotating senders; each sample is send call → that receiver has decrypted and checked it.

import type { ClientGroup } from '../clients';
import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { DevServer } from '../server';
import { type Summary, summarise } from '../stats';
import { now, sleep, waitUntil } from '../time';
import { messageText, parseSeq } from './message-text';

export interface LatencyResult {
  clients: number;
  ratePerSec: number;
  seconds: number;
  sent: number;
  expected: number;
  received: number;
  /** Every (message, receiver) pair. */
  all: Summary;
  /** Per message, its first receiver: the room's own latency before the fan-out tail. */
  firstReceiver: Summary;
  /** Per message, its last receiver: how long one fan-out takes end to end. */
  lastReceiver: Summary;
  cpu: CpuShares;
}

export async function runLatency(
  server: DevServer,
  group: ClientGroup,
  options: { ratePerSec: number; durationMs: number; drainTimeoutMs: number; tag: string },
): Promise<LatencyResult> {
  const clients = group.clients;
  const total = Math.max(1, Math.round((options.ratePerSec * options.durationMs) / 1000));
  const receivers = clients.length - 1;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const first = new Float64Array(total).fill(Number.NaN);
  const last = new Float64Array(total).fill(Number.NaN);
  const samples = new Float64Array(total * receivers);
  let received = 0;

  group.sink = (_client, message, at) => {
    if (message.cid !== undefined) return;
    const seq = parseSeq(options.tag, message.text);
    if (seq === null || seq >= total) return;
    const latency = at - (sentAt[seq] ?? Number.NaN);
    if (received < samples.length) samples[received++] = latency;
    if (Number.isNaN(first[seq] ?? Number.NaN)) first[seq] = latency;
    last[seq] = latency;
  };

  const stopMeter = startCpuMeter(server);
  const start = now();
  const interval = 1000 / options.ratePerSec;
  for (let seq = 0; seq < total; seq++) {
    const due = start + seq * interval;
    if (due > now()) await sleep(due - now());
    // Rotate the senders so that no single socket carries the load.
    const sender = clients[(seq * 7) % clients.length];
    if (!sender) throw new Error('the latency scenario needs clients');
    sentAt[seq] = now();
    void sender.sendPublic(messageText(options.tag, seq)).catch(() => undefined);
  }
  await waitUntil(() => received >= total * receivers, options.drainTimeoutMs);
  const cpu = stopMeter();
  group.sink = null;

  const done = (values: Float64Array) => values.filter((x) => !Number.isNaN(x));
  return {
    clients: clients.length,
    ratePerSec: options.ratePerSec,
    seconds: options.durationMs / 1000,
    sent: total,
    expected: total * receivers,
    received,
    all: summarise(samples.subarray(0, received)),
    firstReceiver: summarise(done(first)),
    lastReceiver: summarise(done(last)),
    cpu,
  };
}
