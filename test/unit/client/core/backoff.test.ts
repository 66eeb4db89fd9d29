// Unit tests for client/core/backoff.ts: reconnect delays grow exponentially up to a cap, with
// jitter in [ceiling/2, ceiling] so clients that lost the same connection spread out.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../client/core/backoff';

const OPTIONS = { baseMs: 100, maxMs: 10_000 };
const ALMOST_ONE = 1 - Number.EPSILON;
const ceilingOf = (attempt: number, { baseMs, maxMs } = OPTIONS) => Math.min(maxMs, baseMs * 2 ** attempt);

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt', () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, OPTIONS, () => ALMOST_ONE));
    expect(ceilings).toEqual([100, 200, 400, 800, 1600, 3200]);
  });

  it('never exceeds the cap, however many attempts have failed', () => {
    for (const attempt of [7, 8, 20, 50, 1_000, 1e9]) {
      const delay = backoffDelay(attempt, OPTIONS, () => ALMOST_ONE);
      expect(delay).toBe(OPTIONS.maxMs);
    }
  });

  it('waits at least half the ceiling, even with the smallest random draw', () => {
    expect(backoffDelay(0, OPTIONS, () => 0)).toBe(50);
    expect(backoffDelay(3, OPTIONS, () => 0)).toBe(400);
    expect(backoffDelay(100, OPTIONS, () => 0)).toBe(5_000);
  });

  it('stays within [ceiling/2, ceiling] for any attempt and random draw', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        (attempt, r, baseMs, extra) => {
          const options = { baseMs, maxMs: baseMs + extra };
          const ceiling = ceilingOf(attempt, options);
          const delay = backoffDelay(attempt, options, () => r);
          expect(Number.isFinite(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it('spreads clients that retry on the same attempt across the jitter window', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, ALMOST_ONE].map((r) => backoffDelay(6, OPTIONS, () => r)));
    expect(delays.size).toBe(5);
    expect(Math.min(...delays)).toBe(3_200);
    expect(Math.max(...delays)).toBe(6_400);
  });

  it('is monotonic in the attempt for a fixed random draw', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          expect(backoffDelay(n + 1, OPTIONS, () => r)).toBeGreaterThanOrEqual(
            backoffDelay(n, OPTIONS, () => r),
          );
        },
      ),
    );
  });

  it('by default starts under a second and caps at 15 seconds', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => ALMOST_ONE)).toBeLessThanOrEqual(1_000);
    expect(backoffDelay(30, DEFAULT_BACKOFF, () => ALMOST_ONE)).toBe(15_000);
  });
});
