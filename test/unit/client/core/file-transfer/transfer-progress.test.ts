// Unit tests for client/core/file-transfer/transfer-progress.ts: percentages that reach 100 only
// when complete, and a speed measured over a sliding window.

import { describe, expect, it } from 'vitest';
import { progressOf, RateMeter } from '../../../../../client/core/file-transfer/transfer-progress';

describe('progressOf', () => {
  it('rounds the percentage down, so 100% means every byte', () => {
    expect(progressOf(999, 1000).percent).toBe(99);
    expect(progressOf(1000, 1000).percent).toBe(100);
    expect(progressOf(0, 0).percent).toBe(0);
  });
});

describe('RateMeter', () => {
  it('is 0 until it has two samples at different times', () => {
    const meter = new RateMeter();
    expect(meter.rate()).toBe(0);
    expect(meter.add(0, 0)).toBe(0);
    expect(meter.add(0, 500)).toBe(0);
  });

  it('measures bytes per second between the oldest and the newest sample', () => {
    const meter = new RateMeter(3000);
    meter.add(0, 0);
    expect(meter.add(500, 1000)).toBe(2000);
    expect(meter.add(1000, 3000)).toBe(3000);
  });

  it('forgets samples older than its window, so the speed follows a change', () => {
    const meter = new RateMeter(1000);
    meter.add(0, 0);
    meter.add(1000, 100_000); // fast at first
    meter.add(2000, 101_000);
    expect(meter.add(3000, 102_000)).toBe(1000);
  });

  it('starts over after reset (a pause must not count as slowness)', () => {
    const meter = new RateMeter();
    meter.add(0, 0);
    meter.add(1000, 1000);
    meter.reset();
    meter.add(60_000, 1000);
    expect(meter.add(61_000, 3000)).toBe(2000);
  });
});
