// Unit tests for worker/config.ts: the settings parse from Env with their defaults, an invalid value
// falls back to its default and is logged once by name, and the README's table of settings (found
// by its header row) names exactly the schema's keys with the same defaults, plus the secrets.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CONFIG_DEFAULTS,
  ConfigSchema,
  configOf,
  parseConfig,
  SECRET_NAMES,
  type SettingName,
} from '../../../worker/config';

afterEach(() => {
  vi.restoreAllMocks();
});

const README = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
/** The settings table is the one with this header, wherever it sits in the README. */
const HEADER = ['setting', 'kind', 'default', 'what it sets'];

interface Row {
  name: string;
  kind: string;
  /** The default cell's first code span; a cell without one (e.g. "none") is the empty string. */
  default: string;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

function settingsTable(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex(
    (line) => line.trim().startsWith('|') && cells(line).join('|') === HEADER.join('|'),
  );
  if (start < 0) throw new Error(`README.md has no table with the header | ${HEADER.join(' | ')} |`);
  const rows: Row[] = [];
  // Skip the header and the |---| line; the table ends at the first line that is not a row.
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [name = '', kind = '', value = ''] = cells(line);
    rows.push({
      name: name.replace(/`/g, ''),
      kind,
      default: /`([^`]*)`/.exec(value)?.[1] ?? '',
    });
  }
  return rows;
}

const sorted = (names: readonly string[]) => [...names].sort();

describe("the README's table of settings", () => {
  const rows = settingsTable(README);

  it('lists every var the schema reads, and no other', () => {
    const vars = rows.filter((row) => row.kind === 'var').map((row) => row.name);
    expect(sorted(vars)).toEqual(sorted(Object.keys(ConfigSchema.entries)));
  });

  it("gives each var the schema's own default", () => {
    const entries: Record<string, { default: string }> = ConfigSchema.entries;
    for (const row of rows.filter((r) => r.kind === 'var')) {
      expect({ [row.name]: row.default }).toEqual({ [row.name]: entries[row.name]?.default });
    }
  });

  it('lists the secrets, marked as such, and nothing of another kind', () => {
    expect(sorted(rows.filter((row) => row.kind === 'secret').map((row) => row.name))).toEqual(
      sorted(SECRET_NAMES),
    );
    expect(rows.filter((row) => row.kind !== 'var' && row.kind !== 'secret')).toEqual([]);
  });
});

describe('wrangler.toml', () => {
  it('sets only vars the schema reads', () => {
    const toml = readFileSync(join(process.cwd(), 'wrangler.toml'), 'utf8');
    const section = /^\[vars\]\n([\s\S]*?)(?=^\[|$(?![\s\S]))/m.exec(toml)?.[1] ?? '';
    const names = [...section.matchAll(/^([A-Z_][A-Z0-9_]*)\s*=/gm)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(CONFIG_DEFAULTS)).toContain(name);
  });
});

describe('parseConfig', () => {
  it('uses every default when nothing is set, and ignores other bindings and secrets', () => {
    const { config, invalid } = parseConfig({ FILES: {}, ADMIN_TOKEN: 'secret' });
    expect(invalid).toEqual([]);
    expect(config).toEqual({
      ALLOWED_ORIGINS: new Set(),
      RATE_LIMIT_PER_SEC: 20,
      RATE_LIMIT_BURST: 40,
      MAX_FILE_BYTES: 25 * 1024 * 1024,
      ALLOWED_FILE_TYPES: CONFIG_DEFAULTS.ALLOWED_FILE_TYPES.split(','),
      FILE_TTL_HOURS: 24,
      MAX_STAGED_BYTES_PER_USER: 100 * 1024 * 1024,
      MAX_STAGED_BYTES: 2 * 1024 * 1024 * 1024,
      HISTORY_MAX_MESSAGES: 500,
      HISTORY_MAX_DAYS: 7,
      AUDIT_RETENTION_DAYS: 30,
      AUDIT_MAX_ROWS: 100_000,
      LOG_EVENTS: 'on',
      LOCAL_R2_PACING: 'on',
      MAX_MEMBERS: 5000,
      MAX_SOCKETS_PER_IP: 20,
      MAX_PENDING_HANDSHAKES: 100,
      FLOW_WINDOW_BYTES: 1024 * 1024,
      FLOW_SOCKET_CAP_BYTES: 4 * 1024 * 1024,
      FLOW_ROOM_CAP_BYTES: 64 * 1024 * 1024,
      FLOW_ACK_TIMEOUT_MS: 20_000,
      FLOW_PAGE_BYTES: 256 * 1024,
      EXPENSIVE_PER_MIN: 60,
      EXPENSIVE_BURST: 20,
      MAX_DOWNLOADS_PER_SOCKET: 3,
      MAX_DOWNLOADS_PER_ROOM: 32,
      MAX_REACTIONS_PER_MESSAGE: 20,
      MAX_ROOMS: 1000,
      ROOM_CREATIONS_PER_HOUR: 10,
    });
  });

  it('takes a reaction cap of 1 and refuses 0, a fraction or a word, keeping the default of 20', () => {
    expect(parseConfig({ MAX_REACTIONS_PER_MESSAGE: '1' }).config.MAX_REACTIONS_PER_MESSAGE).toBe(1);
    expect(parseConfig({ MAX_REACTIONS_PER_MESSAGE: 50 }).config.MAX_REACTIONS_PER_MESSAGE).toBe(50);
    for (const bad of ['0', '2.5', 'many']) {
      const { config, invalid } = parseConfig({ MAX_REACTIONS_PER_MESSAGE: bad });
      expect(invalid).toEqual(['MAX_REACTIONS_PER_MESSAGE']);
      expect(config.MAX_REACTIONS_PER_MESSAGE).toBe(20);
    }
  });

  it('takes the smallest budgets and caps that still let one request or download through', () => {
    const { config, invalid } = parseConfig({
      EXPENSIVE_PER_MIN: '0.5',
      EXPENSIVE_BURST: '1',
      MAX_DOWNLOADS_PER_SOCKET: '1',
      MAX_DOWNLOADS_PER_ROOM: 1,
    });
    expect(invalid).toEqual([]);
    expect(config).toMatchObject({
      EXPENSIVE_PER_MIN: 0.5,
      EXPENSIVE_BURST: 1,
      MAX_DOWNLOADS_PER_SOCKET: 1,
      MAX_DOWNLOADS_PER_ROOM: 1,
    });
  });

  it('refuses budgets and caps that would let nothing through, or a fraction of a download', () => {
    const { invalid } = parseConfig({
      EXPENSIVE_PER_MIN: '0',
      EXPENSIVE_BURST: '0.5',
      MAX_DOWNLOADS_PER_SOCKET: '0',
      MAX_DOWNLOADS_PER_ROOM: '2.5',
    });
    expect(sorted(invalid)).toEqual(
      sorted(['EXPENSIVE_PER_MIN', 'EXPENSIVE_BURST', 'MAX_DOWNLOADS_PER_SOCKET', 'MAX_DOWNLOADS_PER_ROOM']),
    );
  });

  it('reads set values, strings or numbers, and treats a blank one as unset', () => {
    const { config, invalid } = parseConfig({
      RATE_LIMIT_PER_SEC: '2.5',
      RATE_LIMIT_BURST: 7,
      ALLOWED_ORIGINS: ' https://A.example/ , http://localhost:5173',
      ALLOWED_FILE_TYPES: 'image/png, IMAGE/JPG',
      HISTORY_MAX_DAYS: '  ',
      LOG_EVENTS: 'off',
    });
    expect(invalid).toEqual([]);
    expect(config.RATE_LIMIT_PER_SEC).toBe(2.5);
    expect(config.RATE_LIMIT_BURST).toBe(7);
    expect([...config.ALLOWED_ORIGINS]).toEqual(['https://a.example', 'http://localhost:5173']);
    // Entries are trimmed here; file-limits.ts normalises them as content types.
    expect(config.ALLOWED_FILE_TYPES).toEqual(['image/png', 'IMAGE/JPG']);
    expect(config.HISTORY_MAX_DAYS).toBe(7);
    expect(config.LOG_EVENTS).toBe('off');
  });

  it('names each value that does not parse and uses its default instead', () => {
    const { config, invalid } = parseConfig({
      RATE_LIMIT_PER_SEC: 'lots',
      MAX_FILE_BYTES: '1.5',
      MAX_STAGED_BYTES: '0',
      FILE_TTL_HOURS: '-1',
      AUDIT_MAX_ROWS: 'Infinity',
      ALLOWED_FILE_TYPES: ' , ',
      LOG_EVENTS: 'quiet',
      HISTORY_MAX_MESSAGES: '100',
    });
    const expected: SettingName[] = [
      'RATE_LIMIT_PER_SEC',
      'MAX_FILE_BYTES',
      'MAX_STAGED_BYTES',
      'FILE_TTL_HOURS',
      'AUDIT_MAX_ROWS',
      'ALLOWED_FILE_TYPES',
      'LOG_EVENTS',
    ];
    expect(sorted(invalid)).toEqual(sorted(expected));
    const defaults = parseConfig({}).config;
    for (const name of expected) expect(config[name]).toEqual(defaults[name]);
    expect(config.HISTORY_MAX_MESSAGES).toBe(100);
  });

  it('returns a frozen object', () => {
    const { config } = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ALLOWED_FILE_TYPES)).toBe(true);
  });
});

describe('configOf', () => {
  it('parses an env once and logs each invalid value once, by name, with the default used', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const env = { RATE_LIMIT_BURST: 'many', HISTORY_MAX_DAYS: '3' };
    const first = configOf(env);
    expect(configOf(env)).toBe(first);
    expect(first.HISTORY_MAX_DAYS).toBe(3);
    expect(log.mock.calls.map((call) => JSON.parse(String(call[0])))).toEqual([
      { event: 'config_invalid', name: 'RATE_LIMIT_BURST', fallback: '40' },
    ]);
  });

  it('logs nothing when LOG_EVENTS is off', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(configOf({ LOG_EVENTS: 'off', RATE_LIMIT_BURST: 'many' }).RATE_LIMIT_BURST).toBe(40);
    expect(log).not.toHaveBeenCalled();
  });
});
