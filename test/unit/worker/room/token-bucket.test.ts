// Unit tests for worker/room/token-bucket.ts: the per-socket rate limit. The clock is a number
// passed in, so refills are tested by moving it forward, never by sleeping.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullBucket, takeToken } from '../../../../worker/room/token-bucket';

const RATE = 10; // tokens a second: one every 100 ms
const BURST = 5;

/** Takes tokens at time `now` until one is refused; returns how many were granted. */
function drain(bucket: ReturnType<typeof fullBucket>, now: number): number {
  let granted = 0;
  while (takeToken(bucket, RATE, BURST, now)) granted++;
  return granted;
}

describe('token bucket', () => {
  it('grants a full burst at once, then refuses', () => {
    const bucket = fullBucket(BURST, 1_000);
    expect(drain(bucket, 1_000)).toBe(BURST);
    expect(takeToken(bucket, RATE, BURST, 1_000)).toBe(false);
  });

  it('refills one token per 1/rate seconds', () => {
    const bucket = fullBucket(BURST, 0);
    drain(bucket, 0);
    expect(takeToken(bucket, RATE, BURST, 50)).toBe(false);
    expect(takeToken(bucket, RATE, BURST, 100)).toBe(true);
    expect(takeToken(bucket, RATE, BURST, 100)).toBe(false);
    expect(drain(bucket, 400)).toBe(3);
  });

  it('does not lose the partial refill when a take is refused', () => {
    const bucket = fullBucket(BURST, 0);
    drain(bucket, 0);
    // Refused at 60 ms, but the 0.6 token earned so far is kept; at 100 ms a whole one is there.
    expect(takeToken(bucket, RATE, BURST, 60)).toBe(false);
    expect(takeToken(bucket, RATE, BURST, 100)).toBe(true);
  });

  it('refills no further than the burst, however long the socket was idle', () => {
    const bucket = fullBucket(BURST, 0);
    drain(bucket, 0);
    const anHourLater = 3_600_000;
    expect(drain(bucket, anHourLater)).toBe(BURST);
    expect(bucket.tokens).toBeLessThan(1);
  });

  it('does not mint tokens when the clock goes backwards', () => {
    const bucket = fullBucket(BURST, 10_000);
    drain(bucket, 10_000);
    expect(takeToken(bucket, RATE, BURST, 5_000)).toBe(false);
    expect(bucket.tokens).toBeLessThan(1);
  });

  it('never holds more than the burst, and never grants more than burst + rate × elapsed', () => {
    const steps = fc.array(fc.record({ dt: fc.nat({ max: 2_000 }), tries: fc.nat({ max: 30 }) }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        steps,
        (rate, burst, script) => {
          let now = 1_000_000;
          const start = now;
          const bucket = fullBucket(burst, now);
          let granted = 0;
          for (const { dt, tries } of script) {
            now += dt;
            for (let i = 0; i < tries; i++) if (takeToken(bucket, rate, burst, now)) granted++;
            expect(bucket.tokens).toBeLessThanOrEqual(burst);
            expect(bucket.tokens).toBeGreaterThanOrEqual(0);
          }
          expect(granted).toBeLessThanOrEqual(burst + (rate * (now - start)) / 1000 + 1e-9);
        },
      ),
    );
  });

  it('lets a client that stays under the rate send forever', () => {
    const bucket = fullBucket(BURST, 0);
    for (let t = 0; t < 60_000; t += 1000 / RATE) {
      expect(takeToken(bucket, RATE, BURST, t)).toBe(true);
    }
  });
});
