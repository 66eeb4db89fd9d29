// The bench's `--versus` flags (issue 11): the comparison with the plain relay runs alone and only
// when asked, `--old` and `--repeat` belong to it, and its watchdog grows with systems × repeats.

import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../bench/options';

function parse(...argv: string[]) {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('bench --versus options', () => {
  it('leaves the default run as it was: no comparison, no old ref, the usual watchdog', () => {
    const options = parse('--no-hostile');
    expect(options.versus).toBe(false);
    expect(options.versusOld).toBeNull();
    expect(options.timeoutMs).toBe(7 * 60_000);
  });

  it('runs the comparison alone, at 100 and 1,000 clients, three times, with no attacks', () => {
    const options = parse('--versus');
    expect(options.versus).toBe(true);
    expect([options.smallN, options.largeN]).toEqual([100, 1000]);
    expect(options.versusRepeat).toBe(3);
    expect(options.versusOld).toBeNull();
    expect(options.hostileAttacks).toEqual([]);
  });

  it('takes an old git ref and a repeat count, and gives a third system and more runs more time', () => {
    const two = parse('--versus', '--repeat=3');
    const three = parse('--versus', '--repeat=3', '--old=1ece71a');
    const once = parse('--versus', '--repeat=1', '--old=HEAD~2');
    expect(three.versusOld).toBe('1ece71a');
    expect(once.versusOld).toBe('HEAD~2');
    expect(once.versusRepeat).toBe(1);
    expect(three.timeoutMs).toBeGreaterThan(two.timeoutMs);
    expect(three.timeoutMs).toBeGreaterThan(once.timeoutMs);
  });

  it('keeps a quick comparison small and its watchdog shorter than a full one', () => {
    const quick = parse('--quick', '--versus');
    expect([quick.smallN, quick.largeN]).toEqual([20, 100]);
    expect(quick.timeoutMs).toBeLessThan(parse('--versus').timeoutMs);
  });

  it('refuses --old and --repeat without --versus, an empty ref and a repeat out of range', () => {
    expect(() => parse('--old=HEAD~1')).toThrow(/go with --versus/);
    expect(() => parse('--repeat=3')).toThrow(/go with --versus/);
    expect(() => parse('--versus', '--old=')).toThrow(/needs a git ref/);
    expect(() => parse('--versus', '--repeat=0')).toThrow(/integer 1–9/);
    expect(() => parse('--versus', '--repeat=10')).toThrow(/integer 1–9/);
  });

  it('refuses to mix --versus with the other scenarios and analysis flags', () => {
    expect(() => parse('--versus', '--hostile-only')).toThrow(/runs alone/);
    expect(() => parse('--versus', '--only=files')).toThrow(/runs alone/);
    expect(() => parse('--versus', '--only=private')).toThrow(/runs alone/);
    expect(() => parse('--versus', '--attacks=hoard')).toThrow(/runs alone/);
    expect(() => parse('--versus', '--profile')).toThrow(/runs alone/);
  });
});
