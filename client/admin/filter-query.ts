// The /admin page's filter form as an admin API query: a kind (or every error kind at once), a user
// and a time range from datetime-local inputs, which are in the browser's local time. Pure; unit-tested.

import { AUDIT_KINDS, type AuditKind, ERROR_KINDS } from '#protocol/audit-events';
import type { EventQuery } from './admin-api';

/** The form's values as typed: '' means "any". */
export interface Filters {
  /** '', ALL_ERRORS, or one kind. */
  kind: string;
  user: string;
  /** datetime-local values, e.g. "2026-05-01T14:30". */
  from: string;
  to: string;
}

export const NO_FILTERS: Filters = { kind: '', user: '', from: '', to: '' };

/** The kind option that stands for every kind the chart counts as an error. */
export const ALL_ERRORS = 'errors';

export function filtersToQuery(filters: Filters): EventQuery {
  const query: EventQuery = {};
  if (filters.kind === ALL_ERRORS) query.kinds = [...ERROR_KINDS];
  else if ((AUDIT_KINDS as readonly string[]).includes(filters.kind))
    query.kinds = [filters.kind as AuditKind];
  const user = filters.user.trim();
  if (user) query.user = user;
  const since = localTime(filters.from);
  if (since !== null) query.since = since;
  const until = localTime(filters.to);
  // "To 14:30" includes the whole minute.
  if (until !== null) query.until = until + 60_000;
  return query;
}

function localTime(value: string): number | null {
  if (!value) return null;
  // Date-time strings without an offset are local time (ECMAScript Date Time String Format).
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}
