// GET /api/admin/events and /api/admin/stats: the bearer token (401 without it or with a wrong one,
// 404 for the whole admin API when no token is configured), the filters, paging by cursor, clear 400s
// for bad parameters, and per-hour counts. Events at set times are recorded with Date faked, which
// the room shares with the test isolate.

import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent, AuditEventsPage, AuditKind, AuditStats } from '#protocol/audit-events';
import { app } from '../../worker/http/app';
import type { AuditFields } from '../../worker/room/audit/audit-log';
import type { ChatRoom } from '../../worker/room/chat-room';
import { must } from '../support/must';
import { adminGet, adminToken, auditMark } from './support/audit';
import { cid, closeAll, joinAll, ORIGIN, roomStub, uniqueName } from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

const HOUR = 60 * 60 * 1000;

async function getJson<T>(path: string): Promise<T> {
  const res = await adminGet(path, adminToken());
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.json<T>();
}

/** Records events as if they happened at `at` (the room reads the same faked clock). */
async function recordAt(at: number, events: [AuditKind, AuditFields?][]): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    await runInDurableObject(roomStub(), (room: ChatRoom) => {
      for (const [kind, fields] of events) room.audit.record(kind, fields);
    });
  } finally {
    vi.useRealTimers();
  }
}

const summary = (events: AuditEvent[]) => events.map((e) => `${e.kind}:${e.user ?? '-'}`);

describe('the admin token', () => {
  it('is required: without it the answer is 401 with a Bearer challenge', async () => {
    for (const path of ['/api/admin/events', '/api/admin/stats']) {
      const res = await adminGet(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="chatspace-admin"/);
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('must be the right one: a wrong token, a longer one and another scheme all get 401', async () => {
    const token = adminToken();
    for (const header of [
      'Bearer wrong-token',
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `Basic ${btoa(`admin:${token}`)}`,
      token,
    ]) {
      const res = await SELF.fetch(`${ORIGIN}/api/admin/events`, { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
      expect(JSON.stringify(await res.json())).not.toContain(token);
    }
  });

  it('opens the events as JSON that no cache may keep', async () => {
    await joinAll(uniqueName('alice'));
    const res = await adminGet('/api/admin/events', adminToken());
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const page = await res.json<AuditEventsPage>();
    expect(page.events.some((e) => e.kind === 'join')).toBe(true);
  });

  it('when none is configured, the whole admin API answers 404 as if it did not exist', async () => {
    const bindings = { ...env, ADMIN_TOKEN: undefined } as unknown as Env;
    for (const path of ['/api/admin/events', '/api/admin/stats', '/api/admin/anything']) {
      for (const headers of [
        {},
        { Authorization: 'Bearer ' },
        { Authorization: 'Bearer undefined' },
      ] as HeadersInit[]) {
        const res = await app.fetch(new Request(`${ORIGIN}${path}`, { headers }), bindings);
        expect(res.status, path).toBe(404);
        expect(await res.json()).toMatchObject({ error: 'not_found' });
      }
    }
  });
});

describe('GET /api/admin/events', () => {
  it('filters by kind, one or several, and by user, ignoring case and matching either side', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const mark = await auditMark();
    await alice.say('hello');
    await bob.channel.send({ type: 'pm', cid: cid(), to: alice.name, text: 'hi', ts: Date.now() });
    await alice.inbox.next('pm');

    const messages = await getJson<AuditEventsPage>(`/api/admin/events?after=${mark}&kind=message`);
    expect(summary(messages.events)).toEqual([`message:${alice.name}`]);
    const both = await getJson<AuditEventsPage>(
      `/api/admin/events?after=${mark}&kind=message,private_message`,
    );
    expect(summary(both.events)).toEqual([`message:${alice.name}`, `private_message:${bob.name}`]);
    const repeated = await getJson<AuditEventsPage>(
      `/api/admin/events?after=${mark}&kind=message&kind=private_message`,
    );
    expect(repeated.events).toEqual(both.events);

    // Alice sent the public message and received the private one.
    const aliceUpper = alice.name.toUpperCase();
    const forAlice = await getJson<AuditEventsPage>(`/api/admin/events?after=${mark}&user=${aliceUpper}`);
    expect(summary(forAlice.events)).toEqual([`message:${alice.name}`, `private_message:${bob.name}`]);
    const forBob = await getJson<AuditEventsPage>(`/api/admin/events?after=${mark}&user=${bob.name}`);
    expect(summary(forBob.events)).toEqual([`private_message:${bob.name}`]);
  });

  it('filters by time range, in milliseconds or ISO 8601, with `until` exclusive', async () => {
    const base = Date.UTC(2031, 0, 1, 12);
    await recordAt(base, [['connect', { user: 'timeline' }]]);
    await recordAt(base + HOUR, [['join', { user: 'timeline' }]]);
    await recordAt(base + 2 * HOUR, [['leave', { user: 'timeline', code: 'left' }]]);

    const ms = await getJson<AuditEventsPage>(
      `/api/admin/events?user=timeline&since=${base + 1}&until=${base + 2 * HOUR}`,
    );
    expect(summary(ms.events)).toEqual(['join:timeline']);
    const iso = await getJson<AuditEventsPage>(
      '/api/admin/events?user=timeline&since=2031-01-01T13:00:00Z&until=2031-01-01T14:00:00.001Z',
    );
    expect(summary(iso.events)).toEqual(['leave:timeline', 'join:timeline']);
    expect(iso.events.map((e) => e.at)).toEqual([base + 2 * HOUR, base + HOUR]);
  });

  it('pages newest first by cursor, without gaps or repeats, and oldest first with `after`', async () => {
    const base = Date.UTC(2031, 1, 1);
    await recordAt(
      base,
      Array.from({ length: 25 }, (_, i): [AuditKind, AuditFields] => ['message', { user: 'pager', size: i }]),
    );
    const sizes: number[] = [];
    const pageSizes: number[] = [];
    let cursor: number | null = null;
    do {
      const page: AuditEventsPage = await getJson(
        `/api/admin/events?user=pager&limit=10${cursor === null ? '' : `&before=${cursor}`}`,
      );
      pageSizes.push(page.events.length);
      sizes.push(...page.events.map((e) => must(e.size)));
      cursor = page.next;
    } while (cursor !== null);
    expect(pageSizes).toEqual([10, 10, 5]);
    expect(sizes).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));

    const first = await getJson<AuditEventsPage>('/api/admin/events?user=pager&limit=1&after=0');
    expect(must(first.events[0]).size).toBe(0);
    const next = await getJson<AuditEventsPage>(`/api/admin/events?user=pager&limit=3&after=${first.next}`);
    expect(next.events.map((e) => e.size)).toEqual([1, 2, 3]);
  });

  it('answers a bad parameter with 400 and a message that names it, never a stack trace', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /^limit: /],
      ['limit=1001', /^limit: /],
      ['limit=ten', /^limit: /],
      ['since=yesterday', /^since: /],
      ['until=2031-13-45', /^until: /],
      ['kind=chat', /^kind: expected one of: connect, /],
      ['before=-1', /^before: /],
      ['before=1&after=2', /before or after/],
      ['user=', /^user: /],
      ['sort=asc', /^sort: unknown parameter/],
    ];
    for (const [query, message] of cases) {
      const res = await adminGet(`/api/admin/events?${query}`, adminToken());
      expect(res.status, query).toBe(400);
      const body = await res.json<{ error: string; message: string }>();
      expect(body.error, query).toBe('bad_query');
      expect(body.message, query).toMatch(message);
      expect(body.message).not.toMatch(/\bat .+:\d+|Error:/);
    }
  });
});

describe('GET /api/admin/stats', () => {
  it('counts joins, messages (public and private) and errors per hour, oldest hour first', async () => {
    const now = Date.UTC(2032, 5, 1, 10, 30);
    const hour = (h: number) => Date.UTC(2032, 5, 1, h, 5);
    await recordAt(hour(8), [['join'], ['message'], ['message'], ['protocol_error', { code: 'bad_json' }]]);
    await recordAt(hour(10), [['join'], ['join'], ['private_message'], ['rate_limited'], ['leave']]);
    // Before the window: not counted.
    await recordAt(hour(7), [['join'], ['message']]);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    const stats = await getJson<AuditStats>('/api/admin/stats?hours=3');
    vi.useRealTimers();
    expect(stats.hours).toEqual([
      { hour: Date.UTC(2032, 5, 1, 8), joins: 1, messages: 2, errors: 1 },
      { hour: Date.UTC(2032, 5, 1, 9), joins: 0, messages: 0, errors: 0 },
      { hour: Date.UTC(2032, 5, 1, 10), joins: 2, messages: 1, errors: 1 },
    ]);
  });

  it('covers the last 24 hours by default, and refuses a bad `hours`', async () => {
    expect((await getJson<AuditStats>('/api/admin/stats')).hours).toHaveLength(24);
    for (const query of ['hours=0', 'hours=745', 'hours=x', 'days=1']) {
      const res = await adminGet(`/api/admin/stats?${query}`, adminToken());
      expect(res.status, query).toBe(400);
    }
  });
});
