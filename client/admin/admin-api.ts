// A small client for the admin API (GET /api/admin/events and /stats) with the operator's token.
// Runtime-neutral (fetch, URL, valibot): the /admin page and `npm run logs` both use it.

import * as v from 'valibot';
import { AdminError, AuditEventsPage, type AuditKind, AuditStats } from '#protocol/audit-events';

export interface EventQuery {
  kinds?: readonly AuditKind[];
  user?: string;
  /** ms since the epoch; `until` is exclusive. */
  since?: number;
  until?: number;
  limit?: number;
  /** Older than this id (newest first), or newer than this one (oldest first). */
  before?: number;
  after?: number;
}

/** Why a request failed, in words an operator can act on. */
export type AdminFailure = 'unauthorized' | 'disabled' | 'bad_request' | 'unreachable' | 'server';

export class AdminApiError extends Error {
  constructor(
    readonly failure: AdminFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export class AdminApi {
  private readonly fetch: Fetch;

  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    // Wrapped: a browser's fetch throws when called as a method of another object.
    fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {
    this.fetch = fetchImpl;
  }

  events(query: EventQuery = {}): Promise<AuditEventsPage> {
    return this.get(`/api/admin/events${queryString(query)}`, AuditEventsPage);
  }

  stats(hours: number): Promise<AuditStats> {
    return this.get(`/api/admin/stats?hours=${hours}`, AuditStats);
  }

  private async get<T>(path: string, schema: v.GenericSchema<unknown, T>): Promise<T> {
    const url = new URL(path, this.baseUrl).toString();
    let res: Response;
    try {
      res = await this.fetch(url, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch (error) {
      // Node's fetch says only "fetch failed"; the cause has the useful part (e.g. ECONNREFUSED).
      const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
      const why =
        typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.message : String(error);
      throw new AdminApiError(
        'unreachable',
        `Could not reach ${this.baseUrl} (${why}). Is the server running?`,
      );
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const parsed = v.safeParse(schema, body);
      if (parsed.success) return parsed.output;
      throw new AdminApiError(
        'server',
        `Unexpected answer from ${path}: is ${this.baseUrl} a ChatSpace server?`,
      );
    }
    const serverMessage = v.is(AdminError, body) ? body.message : null;
    switch (res.status) {
      case 401:
        throw new AdminApiError('unauthorized', 'The admin token was refused (401). Check ADMIN_TOKEN.');
      case 404:
        throw new AdminApiError(
          'disabled',
          'The admin API is switched off (404): this deployment has no ADMIN_TOKEN configured.',
        );
      case 400:
        throw new AdminApiError('bad_request', serverMessage ?? 'The server refused the query (400).');
      default:
        throw new AdminApiError(
          'server',
          `The server answered ${res.status}${serverMessage ? `: ${serverMessage}` : ''}.`,
        );
    }
  }
}

/** "?since=…&kind=join,leave&…" for the set fields, or "" when none is. */
export function queryString(query: EventQuery): string {
  const params = new URLSearchParams();
  if (query.since !== undefined) params.set('since', String(Math.floor(query.since)));
  if (query.until !== undefined) params.set('until', String(Math.floor(query.until)));
  if (query.kinds && query.kinds.length > 0) params.set('kind', query.kinds.join(','));
  if (query.user) params.set('user', query.user);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.after !== undefined) params.set('after', String(query.after));
  const text = params.toString();
  return text ? `?${text}` : '';
}
