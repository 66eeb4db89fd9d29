// When the outbox flushes: a pure decision, unit-tested in Node (test/unit/worker/room/flush-timing.test.ts).

/**
 * A quiet room flushes at once. A busy one waits until FLUSH_GAP_MS after its last flush, so what
 * arrives in between goes out together: latency stays low when idle, and frames per second stay
 * bounded under load (like Nagle's algorithm, with a 5 ms ceiling on the added delay).
 */
export const FLUSH_GAP_MS = 5;

export function flushDelay(sinceLastFlushMs: number): number {
  // Clamped: a clock that stepped back must not hold messages longer than the gap.
  return Math.min(FLUSH_GAP_MS, Math.max(0, FLUSH_GAP_MS - sinceLastFlushMs));
}
