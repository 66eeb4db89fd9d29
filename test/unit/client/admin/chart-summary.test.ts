// The chart's accessible name: totals over the hours shown and the busiest hour, in words.

import { describe, expect, it } from 'vitest';
import { chartSummary, hourLabel, totals } from '../../../../client/admin/chart-summary';

const hour = (h: number) => new Date(2026, 4, 1, h).getTime();

describe('chartSummary', () => {
  it('sums joins, messages and errors and names the busiest hour', () => {
    const stats = {
      hours: [
        { hour: hour(13), joins: 2, messages: 5, errors: 0 },
        { hour: hour(14), joins: 1, messages: 30, errors: 1 },
        { hour: hour(15), joins: 0, messages: 6, errors: 0 },
      ],
    };
    expect(totals(stats)).toEqual({ joins: 3, messages: 41, errors: 1 });
    expect(chartSummary(stats)).toBe(
      'Joins, messages and errors per hour, last 3 hours: 3 joins, 41 messages, 1 error. Busiest hour: 14:00 (30 messages).',
    );
  });

  it('says "1 hour" and names no busiest hour when nothing was said', () => {
    expect(chartSummary({ hours: [{ hour: hour(9), joins: 1, messages: 0, errors: 0 }] })).toBe(
      'Joins, messages and errors per hour, last 1 hour: 1 join, 0 messages, 0 errors.',
    );
    expect(hourLabel(hour(9))).toBe('09:00');
  });
});
