// The bench's `--versus` flag (issue 11): the comparison with the plain relay runs alone, without
// the hostile attacks, with a watchdog long enough for both systems at both group sizes.

import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options';
import { saturationRate } from '../../bench/scenarios/versus';
import { summarise } from '../../bench/stats';

function parse(...argv: string[]) {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('bench --versus', () => {
  it('runs the comparison alone, at 100 and 1,000 clients, with no attacks', () => {
    const options = parse('--versus');
    expect(options.versus).toBe(true);
    expect([options.smallN, options.largeN]).toEqual([100, 1000]);
    expect(options.hostileAttacks).toEqual([]);
    expect(options.timeoutMs).toBe(15 * 60_000);
  });

  it('keeps a quick comparison short but long enough for four sweeps', () => {
    const options = parse('--quick', '--versus');
    expect([options.smallN, options.largeN]).toEqual([20, 100]);
    expect(options.timeoutMs).toBe(5 * 60_000);
  });

  it('takes as saturation the highest rate whose p99 stayed within the limit with nothing missing', () => {
    const step = (rate: number, p99: number, missing = 0) => ({
      rate,
      latency: { ...summarise([1]), p99 },
      expected: 100,
      received: 100 - missing,
      benchCpu: 0,
    });
    expect(saturationRate([step(10, 5), step(50, 80), step(100, 400)], 250)).toBe(50);
    expect(saturationRate([step(10, 5), step(50, 80, 3)], 250)).toBe(10);
    expect(saturationRate([step(10, 300)], 250)).toBe(0);
  });
});
