// Progress of one transfer: bytes so far, a whole percentage (100 only when complete) and a
// speed measured over the last few seconds. Pure, with an injectable clock for the tests.

export interface TransferProgress {
  bytes: number;
  total: number;
  /** 0–100, rounded down. */
  percent: number;
  /** Bytes per second over the last RATE_WINDOW_MS; 0 until there are two samples. */
  bytesPerSecond: number;
}

export const RATE_WINDOW_MS = 3_000;

export function progressOf(bytes: number, total: number, bytesPerSecond = 0): TransferProgress {
  const percent = total > 0 ? Math.min(100, Math.floor((bytes * 100) / total)) : 0;
  return { bytes, total, percent, bytesPerSecond };
}

/** A sliding-window speed meter: feed it (time, bytes so far) samples, read bytes per second. */
export class RateMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = RATE_WINDOW_MS) {}

  /** Records `bytes` transferred so far at time `at` (ms); returns the current speed. */
  add(at: number, bytes: number): number {
    this.samples.push({ at, bytes });
    // Keep one sample at or before the window's start, so the span covers the whole window.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - this.windowMs) this.samples.shift();
    return this.rate();
  }

  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  /** Forget the history (after a pause, so the gap does not count as slowness). */
  reset(): void {
    this.samples = [];
  }
}
