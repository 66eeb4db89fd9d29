// Unit tests for client/ui/format/time.ts: HH:MM:SS, or hh:mm AM/PM with the 12-hour clock.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../../../../../client/ui/format/time';

let savedZone: string | undefined;

beforeAll(() => {
  // Local time is what the rows show; pin it so the test means the same everywhere.
  savedZone = process.env.TZ;
  process.env.TZ = 'UTC';
});

afterAll(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

const utc = (h: number, m: number, s: number) => Date.UTC(2026, 0, 15, h, m, s);

describe('formatTime', () => {
  it('shows 24-hour time with seconds', () => {
    expect(formatTime(utc(14, 23, 15), false)).toBe('14:23:15');
    expect(formatTime(utc(0, 5, 9), false)).toBe('00:05:09');
  });

  it('shows 12-hour time as hh:mm AM/PM, with 12 for noon and midnight', () => {
    expect(formatTime(utc(14, 23, 15), true)).toBe('02:23 PM');
    expect(formatTime(utc(0, 5, 9), true)).toBe('12:05 AM');
    expect(formatTime(utc(12, 0, 59), true)).toBe('12:00 PM');
    expect(formatTime(utc(11, 59, 0), true)).toBe('11:59 AM');
  });
});
