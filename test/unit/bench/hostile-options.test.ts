// The bench's hostile-client flags (issue 10): which attacks run, for how long, and the time the
// run's watchdog allows for them.

import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options';

function parse(...argv: string[]) {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('bench hostile options', () => {
  it('runs all four attacks for 20 s each in the default run, and adds their time to the watchdog', () => {
    const options = parse();
    expect(options.hostileAttacks).toEqual(['slow-readers', 'replay', 'hoard', 'accept-storm']);
    expect(options.hostileMs).toBe(20_000);
    expect(options.hostileOnly).toBe(false);
    expect(options.timeoutMs).toBeGreaterThan(7 * 60_000 + 4 * 20_000);
  });

  it('skips the attacks with --no-hostile, in a files-only or private-only run and in a quick run', () => {
    expect(parse('--no-hostile').hostileAttacks).toEqual([]);
    expect(parse('--no-hostile').timeoutMs).toBe(7 * 60_000);
    expect(parse('--only=files').hostileAttacks).toEqual([]);
    expect(parse('--only=private')).toMatchObject({
      privateOnly: true,
      filesOnly: false,
      hostileAttacks: [],
    });
    expect(parse('--quick').hostileAttacks).toEqual([]);
  });

  it('runs 5 s attacks in a quick run when they are asked for', () => {
    const options = parse('--quick', '--attacks=hoard');
    expect(options.hostileAttacks).toEqual(['hoard']);
    expect(options.hostileMs).toBe(5_000);
  });

  it('runs only the chosen attacks, in their fixed order, with --hostile-only and --attacks', () => {
    const options = parse('--hostile-only', '--attacks=hoard,replay', '--attack-seconds=5');
    expect(options.hostileOnly).toBe(true);
    expect(options.hostileAttacks).toEqual(['replay', 'hoard']);
    expect(options.hostileMs).toBe(5_000);
  });

  it('refuses an unknown attack and --hostile-only together with --no-hostile', () => {
    expect(() => parse('--attacks=flood')).toThrow(/--attacks/);
    expect(() => parse('--hostile-only', '--no-hostile')).toThrow(/exclude/);
  });
});
