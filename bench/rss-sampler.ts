// Samples the resident memory (VmRSS) of a few processes every ~20 ms from a worker thread, so a
// busy event loop in this process (it decrypts every frame the clients get) cannot delay or skip
// samples while a transfer runs. Used by the file-transfer scenario for workerd's peak growth.

import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { waitUntil, withTimeout } from './time';

/**
 * The thread's code, as plain CommonJS: a worker thread cannot load TypeScript through tsx, and
 * it needs nothing but /proc. It writes one row per sample into shared memory (time, then VmRSS
 * in KiB per pid) and sleeps on an Atomics.wait that stop() can cut short.
 */
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { pids, everyMs, control, times, values } = workerData;
const ctl = new Int32Array(control);
const at = new Float64Array(times);
const kib = new Float64Array(values);
const rss = (pid) => {
  try {
    const match = /^VmRSS:\\s+(\\d+)\\s+kB/m.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
};
while (Atomics.load(ctl, 0) === 0) {
  const n = Atomics.load(ctl, 1);
  if (n >= at.length) break;
  at[n] = performance.timeOrigin + performance.now();
  for (let i = 0; i < pids.length; i++) kib[n * pids.length + i] = rss(pids[i]);
  Atomics.store(ctl, 1, n + 1);
  Atomics.wait(ctl, 0, 0, everyMs);
}
`;

/** Samples in time order: `at` on the bench clock (time.ts `now`), `kib[i]` for `pids[i]`. */
export interface RssSeries {
  pids: readonly number[];
  at: number[];
  kib: number[][];
}

export class RssSampler {
  private stopped: Promise<RssSeries> | null = null;

  private constructor(
    private readonly pids: readonly number[],
    private readonly worker: Worker,
    private readonly control: Int32Array,
    private readonly times: Float64Array,
    private readonly values: Float64Array,
  ) {}

  /** Starts sampling `pids` every `everyMs`; at most `maxSamples` rows are kept (then it stops). */
  static start(pids: readonly number[], everyMs = 20, maxSamples = 30_000): RssSampler {
    const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const times = new SharedArrayBuffer(maxSamples * Float64Array.BYTES_PER_ELEMENT);
    const values = new SharedArrayBuffer(maxSamples * pids.length * Float64Array.BYTES_PER_ELEMENT);
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { pids, everyMs, control, times, values },
    });
    worker.unref();
    worker.on('error', () => undefined);
    return new RssSampler(
      pids,
      worker,
      new Int32Array(control),
      new Float64Array(times),
      new Float64Array(values),
    );
  }

  /** Resolves once the thread has taken its first sample (starting a thread takes a while on a busy machine). */
  async ready(timeoutMs = 5_000): Promise<void> {
    if (!(await waitUntil(() => Atomics.load(this.control, 1) > 0, timeoutMs, 5))) {
      throw new Error(`the RSS sampler took no sample within ${timeoutMs} ms`);
    }
  }

  /** The samples taken so far (a copy; sampling goes on). */
  series(): RssSeries {
    const count = Atomics.load(this.control, 1);
    // The thread's clock has its own origin; both are offsets from the same wall-clock epoch.
    const shift = performance.timeOrigin;
    const at = Array.from(this.times.subarray(0, count), (t) => t - shift);
    const kib = this.pids.map((_, p) =>
      Array.from({ length: count }, (_, n) => this.values[n * this.pids.length + p] ?? Number.NaN),
    );
    return { pids: this.pids, at, kib };
  }

  /** Stops the thread (bounded wait) and returns every sample. */
  stop(): Promise<RssSeries> {
    this.stopped ??= (async () => {
      Atomics.store(this.control, 0, 1);
      Atomics.notify(this.control, 0);
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      try {
        await withTimeout(exited, 2_000, 'stopping the RSS sampler');
      } catch {
        await this.worker.terminate();
      }
      return this.series();
    })();
    return this.stopped;
  }
}

export interface RssWindow {
  /** Mean of the samples in [baselineFrom, from). */
  beforeKiB: number;
  peakKiB: number;
  /** When the peak was sampled, on the bench clock. */
  peakAt: number;
  samples: number;
  /** Longest gap between two samples in the window: the real sampling resolution. */
  maxGapMs: number;
}

/** Baseline and peak of process `index` of `series`: baseline in [baselineFrom, from), peak in [from, to]. */
export function rssWindow(
  series: RssSeries,
  index: number,
  baselineFrom: number,
  from: number,
  to: number,
): RssWindow {
  const kib = series.kib[index] ?? [];
  let baseSum = 0;
  let baseCount = 0;
  let peakKiB = Number.NaN;
  let peakAt = Number.NaN;
  let samples = 0;
  let maxGapMs = 0;
  let previous = Number.NaN;
  for (let n = 0; n < series.at.length; n++) {
    const at = series.at[n] ?? Number.NaN;
    const value = kib[n] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    if (at >= baselineFrom && at < from) {
      baseSum += value;
      baseCount++;
    }
    if (at >= from && at <= to) {
      samples++;
      if (!Number.isNaN(previous)) maxGapMs = Math.max(maxGapMs, at - previous);
      previous = at;
      if (!(value <= peakKiB)) {
        peakKiB = value;
        peakAt = at;
      }
    }
  }
  return { beforeKiB: baseCount > 0 ? baseSum / baseCount : Number.NaN, peakKiB, peakAt, samples, maxGapMs };
}
