// The admin API client shared by /admin and `npm run logs`: the query string it builds, and the
// operator-facing reason for each way a request can fail.

import { describe, expect, it } from 'vitest';
import { AdminApi, AdminApiError, queryString } from '../../../../client/admin/admin-api';

function answering(status: number, body: unknown): (url: string, init: RequestInit) => Promise<Response> {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function failureOf(promise: Promise<unknown>): Promise<AdminApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AdminApiError)) throw new Error(`expected an AdminApiError, got ${String(error)}`);
  return error;
}

describe('queryString', () => {
  it('sets only the fields given, with kinds comma-separated', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ kinds: ['join', 'leave'], user: 'alice', since: 10.7, limit: 5, before: 99 })).toBe(
      '?since=10&kind=join%2Cleave&user=alice&limit=5&before=99',
    );
  });
});

describe('AdminApi', () => {
  it('sends the token as a bearer token and checks the answer', async () => {
    let seen: { url: string; auth: string | null } | null = null;
    const api = new AdminApi('http://room.test', 's3cret', async (url, init) => {
      seen = { url, auth: new Headers(init.headers).get('Authorization') };
      return new Response(JSON.stringify({ events: [], next: null }));
    });
    expect(await api.events({ user: 'bob' })).toEqual({ events: [], next: null });
    expect(seen).toEqual({ url: 'http://room.test/api/admin/events?user=bob', auth: 'Bearer s3cret' });
  });

  it("reads another room's events and stats under /api/admin/rooms/<room>, and lists rooms", async () => {
    const urls: string[] = [];
    const api = new AdminApi('http://room.test', 't', async (url) => {
      urls.push(url);
      if (url.includes('/api/admin/rooms?')) return new Response(JSON.stringify({ rooms: [], next: null }));
      if (url.endsWith('/stats?hours=24')) return new Response(JSON.stringify({ hours: [] }));
      return new Response(JSON.stringify({ events: [], next: null }));
    });
    const hex = 'c'.repeat(64);
    await api.inRoom('general').events({ limit: 5 });
    await api.inRoom(`~${hex}`).stats(24);
    await api.rooms({ limit: 10, after: 'general' });
    await api.inRoom('lobby').events();
    expect(urls).toEqual([
      'http://room.test/api/admin/rooms/general/events?limit=5',
      `http://room.test/api/admin/rooms/~${hex}/stats?hours=24`,
      'http://room.test/api/admin/rooms?limit=10&after=general',
      'http://room.test/api/admin/events',
    ]);
  });

  it('says which room is unknown on a 404 unknown_room', async () => {
    const api = new AdminApi(
      'http://room.test',
      't',
      answering(404, { error: 'unknown_room', message: 'x' }),
    );
    const error = await failureOf(api.inRoom('gone').events());
    expect(error.failure).toBe('unknown_room');
    expect(error.message).toBe('There is no room "gone" on http://room.test.');
  });

  it.each([
    [401, { error: 'unauthorized', message: 'x' }, 'unauthorized', /token was refused \(401\)/],
    [404, { error: 'not_found', message: 'x' }, 'disabled', /switched off \(404\).*ADMIN_TOKEN/],
    [
      400,
      { error: 'bad_query', message: 'limit: expected a whole number' },
      'bad_request',
      /^limit: expected/,
    ],
    [
      500,
      { error: 'internal', message: 'Something went wrong.' },
      'server',
      /answered 500: Something went wrong/,
    ],
  ])('explains an answer of %i', async (status, body, failure, message) => {
    const error = await failureOf(new AdminApi('http://room.test', 't', answering(status, body)).events());
    expect(error.failure).toBe(failure);
    expect(error.message).toMatch(message);
  });

  it('refuses a 200 that is not an events page, and explains a server that does not answer', async () => {
    const odd = await failureOf(new AdminApi('http://room.test', 't', answering(200, { hello: 1 })).events());
    expect(odd.failure).toBe('server');
    const down = await failureOf(
      new AdminApi('http://room.test', 't', async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      }).stats(24),
    );
    expect(down.failure).toBe('unreachable');
    expect(down.message).toBe('Could not reach http://room.test (ECONNREFUSED). Is the server running?');
  });
});
