// `npm run logs` options: relative and absolute times, kinds, limits, and .dev.vars parsing.

import { describe, expect, it } from 'vitest';
import { devVar } from '../../../scripts/logs/admin-token';
import { localTimestamp } from '../../../scripts/logs/event-table';
import { parseLogOptions, parseTime, USAGE, UsageError } from '../../../scripts/logs/log-options';

const NOW = Date.UTC(2026, 4, 10, 12);

describe('parseTime', () => {
  it('reads 30m, 1h, 2d and 1w as that long before now', () => {
    expect(parseTime('30m', NOW, '--since')).toBe(NOW - 30 * 60_000);
    expect(parseTime('1h', NOW, '--since')).toBe(NOW - 3_600_000);
    expect(parseTime('2d', NOW, '--since')).toBe(NOW - 2 * 86_400_000);
    expect(parseTime('1w', NOW, '--since')).toBe(NOW - 7 * 86_400_000);
  });

  it('reads an ISO date or epoch milliseconds as that time, and refuses anything else', () => {
    expect(parseTime('2026-05-01T00:00:00Z', NOW, '--since')).toBe(Date.UTC(2026, 4, 1));
    expect(parseTime('1746057600000', NOW, '--since')).toBe(1746057600000);
    expect(() => parseTime('yesterday', NOW, '--since')).toThrow(/--since yesterday: expected a duration/);
  });
});

describe('parseLogOptions', () => {
  it('has defaults for everything', () => {
    expect(parseLogOptions([], NOW)).toEqual({
      url: 'http://localhost:8787',
      room: 'lobby',
      limit: 50,
      follow: false,
      intervalMs: 2000,
      help: false,
    });
  });

  it('collects kinds from repeated and comma-separated --kind, and refuses an unknown one', () => {
    expect(parseLogOptions(['--kind', 'join,leave', '--kind', 'message', '-f'], NOW)).toMatchObject({
      kinds: ['join', 'leave', 'message'],
      follow: true,
    });
    expect(() => parseLogOptions(['--kind', 'chat'], NOW)).toThrow(UsageError);
  });

  it('refuses a bad limit, an unknown option and a URL that is not one', () => {
    expect(() => parseLogOptions(['--limit', '1001'], NOW)).toThrow(/--limit 1001/);
    expect(() => parseLogOptions(['--colour'], NOW)).toThrow(UsageError);
    expect(() => parseLogOptions(['--url', 'localhost'], NOW)).toThrow(/--url localhost/);
  });
});

describe('--room', () => {
  it('takes a room name or an unlisted room as ~<hex>', () => {
    expect(parseLogOptions(['--room', 'general'], NOW).room).toBe('general');
    const hex = 'ab'.repeat(32);
    expect(parseLogOptions([`--room=~${hex}`], NOW).room).toBe(`~${hex}`);
  });

  it('refuses a name breaking the rules with the reason, as the worker does', () => {
    for (const bad of ['General', 'no_underscores', 'a'.repeat(33), '']) {
      expect(() => parseLogOptions(['--room', bad], NOW), bad).toThrow(
        /^--room .*: Room names have 1–32 characters: lowercase letters, digits and "-"\.$/,
      );
    }
    expect(() => parseLogOptions(['--room', '~abc'], NOW)).toThrow(/--room ~abc: .*64 lowercase hex digits/);
  });

  it('is in the help text', () => {
    expect(USAGE).toMatch(/--room <room> .*default lobby/);
  });
});

describe('devVar', () => {
  it('finds NAME=value, quoted or not, and skips comments and other names', () => {
    const text = '# secrets\nROOM_PRIVATE_KEY="-----BEGIN"\nADMIN_TOKEN=abc123 # mine\n';
    expect(devVar(text, 'ADMIN_TOKEN')).toBe('abc123');
    expect(devVar('ADMIN_TOKEN="a b#c"', 'ADMIN_TOKEN')).toBe('a b#c');
    expect(devVar("export ADMIN_TOKEN='x'", 'ADMIN_TOKEN')).toBe('x');
    expect(devVar('# ADMIN_TOKEN=nope', 'ADMIN_TOKEN')).toBeUndefined();
  });
});

describe('localTimestamp', () => {
  it('formats local time as YYYY-MM-DD HH:MM:SS', () => {
    expect(localTimestamp(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('2026-01-02 03:04:05');
  });
});
