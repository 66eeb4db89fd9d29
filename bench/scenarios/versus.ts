// The modes of `--versus`, run the same way against each room and the plain relay
// (bench/relay-clients.ts): one message in flight (the next goes when the sender's own copy
// arrives), N in flight (the next goes when every other member has one), and an open-loop rate
// sweep that stops where p99 passes the limit, which gives the saturation rate. Each mode measures
// the CPU of the server's processes and of the bench itself. Unit-tested in test/unit/bench.

import { type CpuShares, startCpuMeter } from '../cpu-meter';
import type { RelayClients } from '../relay-clients';
import type { DevServer } from '../server';
import { type Summary, summarise } from '../stats';
import { now, sleep, waitUntil } from '../time';
import { messageText, parseSeq } from './message-text';

export interface ClosedLoopResult {
  sent: number;
  deliveries: number;
  missing: number;
  deliveriesPerSec: number;
  cpu: CpuShares;
}

export interface SweepStep {
  rate: number;
  latency: Summary;
  expected: number;
  received: number;
  cpu: CpuShares;
}

const DRAIN_MS = 3_000;

/**
 * Sender 0 keeps `inFlight` messages outstanding. `byEcho`: a message stops being in flight when
 * the sender's own copy arrives; otherwise when every other member has it.
 */
export async function runClosedLoop(
  server: DevServer,
  relay: RelayClients,
  options: { inFlight: number; byEcho: boolean; durationMs: number; tag: string },
): Promise<ClosedLoopResult> {
  const receivers = relay.size - 1;
  const remaining = new Map<number, number>();
  let inFlight = 0;
  let sending = true;
  let nextSeq = 0;
  let deliveries = 0;
  let firstAt = Number.NaN;
  let lastAt = Number.NaN;
  const pump = () => {
    while (sending && inFlight < options.inFlight) {
      const seq = nextSeq++;
      remaining.set(seq, receivers);
      inFlight++;
      if (Number.isNaN(firstAt)) firstAt = now();
      relay.send(0, messageText(options.tag, seq));
    }
  };
  relay.sink = (_to, text, own, at) => {
    const seq = parseSeq(options.tag, text);
    if (seq === null) return;
    if (own) {
      if (options.byEcho) {
        inFlight--;
        pump();
      }
      return;
    }
    deliveries++;
    lastAt = at;
    const left = (remaining.get(seq) ?? 0) - 1;
    if (left > 0) {
      remaining.set(seq, left);
      return;
    }
    remaining.delete(seq);
    if (!options.byEcho) {
      inFlight--;
      pump();
    }
  };
  const stop = startCpuMeter(server);
  pump();
  await sleep(options.durationMs);
  sending = false;
  await waitUntil(() => remaining.size === 0, DRAIN_MS);
  const cpu = stop();
  relay.sink = null;
  let missing = 0;
  for (const left of remaining.values()) missing += left;
  const seconds = (lastAt - firstAt) / 1000;
  return {
    sent: nextSeq,
    deliveries,
    missing,
    deliveriesPerSec: seconds > 0 ? deliveries / seconds : 0,
    cpu,
  };
}

/** Open loop: `rates` in turn, each for `stepMs`, from rotating senders, until p99 passes `limitMs`. */
export async function runSweep(
  server: DevServer,
  relay: RelayClients,
  options: { rates: readonly number[]; stepMs: number; limitMs: number; tag: string },
): Promise<SweepStep[]> {
  const steps: SweepStep[] = [];
  for (const [r, rate] of options.rates.entries()) {
    const tag = `${options.tag}${r}`;
    const total = Math.max(1, Math.round((rate * options.stepMs) / 1000));
    const expected = total * (relay.size - 1);
    const sentAt = new Float64Array(total);
    const samples = new Float64Array(expected);
    let received = 0;
    relay.sink = (_to, text, own, at) => {
      const seq = parseSeq(tag, text);
      if (own || seq === null || seq >= total || received >= expected) return;
      samples[received++] = at - (sentAt[seq] ?? at);
    };
    const stop = startCpuMeter(server);
    const start = now();
    for (let seq = 0; seq < total; seq++) {
      const due = start + (seq * 1000) / rate;
      if (due > now()) await sleep(due - now());
      sentAt[seq] = now();
      relay.send((seq * 7) % relay.size, messageText(tag, seq));
    }
    await waitUntil(() => received >= expected, DRAIN_MS);
    const cpu = stop();
    relay.sink = null;
    const step = {
      rate,
      latency: summarise(samples.subarray(0, received)),
      expected,
      received,
      cpu,
    };
    steps.push(step);
    if (!(step.latency.p99 <= options.limitMs) || received < expected) break;
  }
  return steps;
}

/** The highest rate whose p99 stayed within the limit with every copy delivered; 0 for none. */
export function saturationRate(steps: readonly SweepStep[], limitMs: number): number {
  let best = 0;
  for (const s of steps) if (s.latency.p99 <= limitMs && s.received >= s.expected) best = s.rate;
  return best;
}
