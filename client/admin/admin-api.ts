// A small client for the admin API (GET /api/admin/rooms, and one room's /events and /stats) with
// the operator's token. Runtime-neutral (fetch, URL, valibot): the /admin page and `npm run logs`
// both use it. The default room goes by the older paths (/api/admin/events), which every server has.

import * as v from 'valibot';
import { type AdminRoomsPage, AdminRoomsPageSchema } from '#protocol/admin-rooms';
import { AdminError, AuditEventsPage, type AuditKind, AuditStats } from '#protocol/audit-events';
import { DEFAULT_ROOM } from '#protocol/room-address';

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
export type AdminFailure =
  | 'unauthorized'
  | 'disabled'
  | 'unknown_room'
  | 'bad_request'
  | 'unreachable'
  | 'server';

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
    /** The room `events` and `stats` read: a slug, or `~<hex>` for an unlisted room. */
    readonly room: string = DEFAULT_ROOM,
  ) {
    this.fetch = fetchImpl;
  }

  /** The same server and token, reading another room. */
  inRoom(room: string): AdminApi {
    return new AdminApi(this.baseUrl, this.token, this.fetch, room);
  }

  events(query: EventQuery = {}): Promise<AuditEventsPage> {
    return this.get(`${this.roomPrefix()}/events${queryString(query)}`, AuditEventsPage);
  }

  stats(hours: number): Promise<AuditStats> {
    return this.get(`${this.roomPrefix()}/stats?hours=${hours}`, AuditStats);
  }

  /** One page of every room the deployment counts, in room order after `after`. */
  rooms(page: { limit?: number; after?: string } = {}): Promise<AdminRoomsPage> {
    const params = new URLSearchParams();
    if (page.limit !== undefined) params.set('limit', String(page.limit));
    if (page.after !== undefined) params.set('after', page.after);
    const text = params.toString();
    return this.get(`/api/admin/rooms${text ? `?${text}` : ''}`, AdminRoomsPageSchema);
  }

  private roomPrefix(): string {
    return this.room === DEFAULT_ROOM ? '/api/admin' : `/api/admin/rooms/${encodeURIComponent(this.room)}`;
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
        if (v.is(AdminError, body) && body.error === 'unknown_room')
          throw new AdminApiError('unknown_room', `There is no room "${this.room}" on ${this.baseUrl}.`);
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
