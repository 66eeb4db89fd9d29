// Unit tests for how long presence changes are gathered (worker/room/presence-batcher.ts).

import { describe, expect, it } from 'vitest';
import { presenceDelay } from '../../../../worker/room/presence-batcher';

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
