// `npm run logs` options: parsed with node:util's parseArgs, times like "1h", "2d", an ISO date or
// epoch ms turned into absolute times, --room checked by the worker's own rules (room-address.ts).
// Pure apart from the clock passed in; unit-tested in test/unit/scripts/logs-options.test.ts.

import { parseArgs } from 'node:util';
import { AUDIT_KINDS, type AuditKind, MAX_EVENTS_LIMIT } from '#protocol/audit-events';
import { DEFAULT_ROOM, ROOM_ERRORS, roomFromSegment } from '#protocol/room-address';

export const DEFAULT_URL = 'http://localhost:8787';
export const DEFAULT_LIMIT = 50;
export const DEFAULT_INTERVAL_S = 2;

export interface LogOptions {
  url: string;
  token?: string;
  /** A slug, or `~<hex>` for an unlisted room. */
  room: string;
  since?: number;
  until?: number;
  kinds?: AuditKind[];
  user?: string;
  limit: number;
  follow: boolean;
  intervalMs: number;
  help: boolean;
}

export const USAGE = `Usage: npm run logs -- [options]

Prints a ChatSpace room's audit log as a table, oldest first.

  --url <url>         the server (default ${DEFAULT_URL})
  --room <room>       the room: its name, or ~<hex> for an unlisted one (default ${DEFAULT_ROOM})
  --token <token>     the admin token (default: $ADMIN_TOKEN, then ADMIN_TOKEN in .dev.vars)
  --since <time>      only events from then on: 30m, 1h, 2d, an ISO date or epoch ms
  --until <time>      only events before then (same forms)
  --kind <kinds>      only these kinds, comma-separated or repeated (e.g. join,leave)
  --user <name>       only events by or to this user (ignoring case)
  --limit <n>         how many of the newest events to print (default ${DEFAULT_LIMIT}, at most ${MAX_EVENTS_LIMIT})
  --follow, -f        keep printing new events as they come, until Ctrl-C
  --interval <s>      seconds between polls with --follow (default ${DEFAULT_INTERVAL_S})
  --help, -h          this text
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "1h" → an hour before `now`; "2026-05-01" or "2026-05-01T12:00:00Z" → that time; "1714560000000" → as is. */
export function parseTime(text: string, now: number, option: string): number {
  const relative = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  const unit = relative ? UNITS[relative[2] ?? ''] : undefined;
  if (relative && unit !== undefined) return now - Number(relative[1]) * unit;
  if (/^\d{10,16}$/.test(text.trim())) return Number(text.trim());
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `${option} ${text}: expected a duration such as 30m, 1h or 2d, an ISO date, or epoch ms`,
    );
  }
  return ms;
}

export function parseLogOptions(argv: string[], now: number): LogOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const kinds = (values.kind ?? [])
    .flatMap((k) => k.split(','))
    .map((k) => k.trim())
    .filter(Boolean);
  for (const kind of kinds) {
    if (!(AUDIT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind ${kind}: expected one of ${AUDIT_KINDS.join(', ')}`);
    }
  }
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENTS_LIMIT) {
    throw new UsageError(`--limit ${values.limit}: expected a whole number from 1 to ${MAX_EVENTS_LIMIT}`);
  }
  const interval = values.interval === undefined ? DEFAULT_INTERVAL_S : Number(values.interval);
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new UsageError(`--interval ${values.interval}: expected a number of seconds above 0`);
  }
  const room = values.room ?? DEFAULT_ROOM;
  const address = roomFromSegment(room);
  if (typeof address === 'string') {
    const why =
      address === 'unknown_room'
        ? 'an unlisted room is ~ and its 64 lowercase hex digits, as in its link'
        : ROOM_ERRORS[address];
    throw new UsageError(`--room ${room}: ${why}`);
  }
  let url: URL;
  try {
    url = new URL(values.url ?? DEFAULT_URL);
  } catch {
    throw new UsageError(`--url ${values.url}: expected a URL such as ${DEFAULT_URL}`);
  }
  return {
    url: url.origin,
    ...(values.token === undefined ? {} : { token: values.token }),
    room,
    ...(values.since === undefined ? {} : { since: parseTime(values.since, now, '--since') }),
    ...(values.until === undefined ? {} : { until: parseTime(values.until, now, '--until') }),
    ...(kinds.length === 0 ? {} : { kinds: kinds as AuditKind[] }),
    ...(values.user === undefined ? {} : { user: values.user }),
    limit,
    follow: values.follow ?? false,
    intervalMs: interval * 1000,
    help: values.help ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      room: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      kind: { type: 'string', multiple: true },
      user: { type: 'string' },
      limit: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      interval: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
