// Unit tests for the room's timing decisions: when the outbox flushes (worker/room/outbox.ts)
// and how long presence changes are gathered (worker/room/presence-batcher.ts).

import { describe, expect, it } from 'vitest';
import { FLUSH_GAP_MS, flushDelay } from '../../../../worker/room/flush-timing';
import { presenceDelay } from '../../../../worker/room/presence-batcher';

describe('flushDelay', () => {
  it('flushes at once when the last flush was long enough ago', () => {
    expect(flushDelay(FLUSH_GAP_MS)).toBe(0);
    expect(flushDelay(10_000)).toBe(0);
  });

  it('waits out the rest of the gap right after a flush, and never longer than the gap', () => {
    expect(flushDelay(0)).toBe(FLUSH_GAP_MS);
    expect(flushDelay(2)).toBe(FLUSH_GAP_MS - 2);
    expect(flushDelay(-50), 'a clock that stepped back').toBe(FLUSH_GAP_MS);
  });
});

describe('presenceDelay', () => {
  it('uses the base delay in rooms of up to twice the base in members', () => {
    expect(presenceDelay(1, 50)).toBe(50);
    expect(presenceDelay(100, 50)).toBe(50);
  });

  it('grows with the room and stops at half a second', () => {
    expect(presenceDelay(400, 50)).toBe(200);
    expect(presenceDelay(1_000, 50)).toBe(500);
    expect(presenceDelay(100_000, 50)).toBe(500);
  });
});
