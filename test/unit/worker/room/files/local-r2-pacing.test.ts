// LOCAL_R2_PACING (worker/room/files/local-r2-pacing.ts): on unless a deploy says "off".

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../worker/config';
import {
  LOCAL_R2_PACING,
  LOCAL_R2_SLICE_BYTES,
  NO_R2_PACING,
  r2PacingFrom,
} from '../../../../../worker/room/files/local-r2-pacing';

describe('r2PacingFrom', () => {
  it('paces writes when the setting is missing, "on" or anything else', () => {
    for (const value of [undefined, 'on', '', 'yes', 'of']) {
      expect(r2PacingFrom(parseConfig({ LOCAL_R2_PACING: value }).config)).toBe(LOCAL_R2_PACING);
    }
    expect(LOCAL_R2_PACING.sliceBytes).toBe(LOCAL_R2_SLICE_BYTES);
  });

  it('writes each object in one piece, with no turns, when set to "off" in any case', () => {
    for (const value of ['off', ' OFF ', 'Off']) {
      expect(r2PacingFrom(parseConfig({ LOCAL_R2_PACING: value }).config)).toBe(NO_R2_PACING);
    }
    expect(NO_R2_PACING).toEqual({ sliceBytes: Number.POSITIVE_INFINITY, beforeSlice: null });
  });

  it('gives the runtime a turn before each slice: a timer queued first fires before the turn ends', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await LOCAL_R2_PACING.beforeSlice?.();
    order.push('slice');
    expect(order).toEqual(['timer', 'slice']);
  });
});
