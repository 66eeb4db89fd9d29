// `--rooms` (issue 14) runs alone, with fixed counts: only --quick, --seconds and --concurrency go
// with it, it runs no hostile attack, and it has its own watchdog.

import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options';

function parse(...argv: string[]) {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('bench --rooms options', () => {
  it('is off unless asked for', () => {
    expect(parse('--no-hostile').rooms).toBe(false);
  });

  it('runs alone with no attacks and a bounded watchdog', () => {
    const options = parse('--rooms');
    expect(options.rooms).toBe(true);
    expect(options.hostileAttacks).toEqual([]);
    expect(options.timeoutMs).toBe(10 * 60_000);
  });

  it('takes --quick, --seconds and --concurrency', () => {
    const options = parse('--rooms', '--quick', '--seconds=5', '--concurrency=20');
    expect(options.quick).toBe(true);
    expect(options.latencyMs).toBe(5_000);
    expect(options.fanoutMs).toBe(5_000);
    expect(options.joinConcurrency).toBe(20);
  });

  it('refuses flags that would change its fixed counts or add other scenarios', () => {
    expect(() => parse('--rooms', '--clients=500')).toThrow(/--rooms runs alone.*--clients=500/);
    expect(() => parse('--rooms', '--versus')).toThrow(/drop --versus/);
    expect(() => parse('--rooms', '--sharded=4')).toThrow(/drop --sharded=4/);
  });
});
