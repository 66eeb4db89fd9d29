// Query strings of the admin API, checked with valibot: GET /api/admin/events (time range, kinds,
// user, paging), GET /api/admin/stats (hours) and GET /api/admin/rooms (limit, after). A bad
// parameter gets a 400 that names it.

import * as v from 'valibot';
import { DEFAULT_ADMIN_ROOMS_LIMIT, MAX_ADMIN_ROOMS_LIMIT, ROOM_KEY } from '../protocol/admin-rooms';
import {
  AUDIT_KINDS,
  type AuditKind,
  DEFAULT_EVENTS_LIMIT,
  DEFAULT_STATS_HOURS,
  MAX_EVENTS_LIMIT,
  MAX_STATS_HOURS,
} from '../protocol/audit-events';
import type { EventFilter } from '../room/audit/audit-queries';

/** Milliseconds since the epoch, or an ISO 8601 date such as 2026-05-01 or 2026-05-01T12:00:00Z. */
const Time = v.pipe(
  v.string(),
  v.trim(),
  v.transform((text) => {
    if (/^\d{1,16}$/.test(text)) return Number(text);
    return /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  }),
  v.number('expected milliseconds since the epoch or an ISO 8601 date'),
);

function integer(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.regex(/^\d{1,16}$/, `expected a whole number from ${min} to ${max}`),
    v.transform(Number),
    v.number(),
    v.minValue(min, `expected a whole number from ${min} to ${max}`),
    v.maxValue(max, `expected a whole number from ${min} to ${max}`),
  );
}

const Id = integer(0, Number.MAX_SAFE_INTEGER);

/** `kind` may repeat, and each may be a comma-separated list. */
const Kinds = v.pipe(
  v.array(v.string()),
  v.transform((values) => values.flatMap((value) => value.split(',')).map((kind) => kind.trim())),
  v.array(v.picklist(AUDIT_KINDS, `expected one of: ${AUDIT_KINDS.join(', ')}`)),
);

const EventsQuery = v.pipe(
  v.strictObject(
    {
      since: v.optional(Time),
      until: v.optional(Time),
      kind: v.optional(Kinds),
      user: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'expected a name'), v.maxLength(64))),
      limit: v.optional(integer(1, MAX_EVENTS_LIMIT), String(DEFAULT_EVENTS_LIMIT)),
      before: v.optional(Id),
      after: v.optional(Id),
    },
    'unknown parameter; expected since, until, kind, user, limit, before or after',
  ),
  v.check((q) => q.before === undefined || q.after === undefined, 'use before or after, not both'),
);

const StatsQuery = v.strictObject(
  { hours: v.optional(integer(1, MAX_STATS_HOURS), String(DEFAULT_STATS_HOURS)) },
  'unknown parameter; expected hours',
);

const RoomsQuery = v.strictObject(
  {
    limit: v.optional(integer(1, MAX_ADMIN_ROOMS_LIMIT), String(DEFAULT_ADMIN_ROOMS_LIMIT)),
    after: v.optional(
      v.pipe(v.string(), v.regex(ROOM_KEY, 'expected a room: a slug or ~ and 64 hex digits')),
    ),
  },
  'unknown parameter; expected limit or after',
);

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseEventsQuery(params: URLSearchParams): Checked<EventFilter> {
  const raw: Record<string, string | string[]> = {};
  params.forEach((value, name) => {
    if (name === 'kind') raw.kind = [...((raw.kind as string[] | undefined) ?? []), value];
    else raw[name] = value;
  });
  const result = v.safeParse(EventsQuery, raw);
  if (!result.success) return { ok: false, message: describe(result.issues) };
  const { kind, limit, ...rest } = result.output;
  const kinds: AuditKind[] | undefined = kind;
  return { ok: true, value: { ...rest, limit, ...(kinds === undefined ? {} : { kinds }) } };
}

export function parseStatsQuery(params: URLSearchParams): Checked<{ hours: number }> {
  const raw: Record<string, string> = {};
  params.forEach((value, name) => {
    raw[name] = value;
  });
  const result = v.safeParse(StatsQuery, raw);
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, message: describe(result.issues) };
}

export function parseRoomsQuery(params: URLSearchParams): Checked<{ limit: number; after?: string }> {
  const raw: Record<string, string> = {};
  params.forEach((value, name) => {
    raw[name] = value;
  });
  const result = v.safeParse(RoomsQuery, raw);
  if (!result.success) return { ok: false, message: describe(result.issues) };
  const { limit, after } = result.output;
  return { ok: true, value: after === undefined ? { limit } : { limit, after } };
}

/** The first problem, with the parameter it is about: "limit: expected a whole number from 1 to 1000". */
function describe(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const name = v.getDotPath(issue)?.split('.')[0];
  return name ? `${name}: ${issue.message}` : issue.message;
}
