// The admin API across rooms: GET /api/admin/rooms lists every room (public and unlisted, paged),
// /api/admin/rooms/<room>/… is one room's audit log, stats and deletes, isolated from every other
// room; a room name breaking the rules is a 400 and an unknown room a 404 that creates nothing; and
// the older /api/admin/… paths still mean the default room.

import { env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminRoom, AdminRoomsPage } from '#protocol/admin-rooms';
import type { AuditEventsPage, AuditStats } from '#protocol/audit-events';
import { adminGet, adminToken } from './support/audit';
import { closeAll, joinAs, ORIGIN, uniqueName } from './support/room-client';
import { createRoom, directory, joinRoom, uniqueSlug } from './support/rooms';

afterEach(closeAll);

async function getJson<T>(path: string): Promise<T> {
  const res = await adminGet(path, adminToken());
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return res.json<T>();
}

function adminDelete(path: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${adminToken()}` },
  });
}

/** Every room GET /api/admin/rooms lists, following `next` page by page. */
async function allRooms(limit = 500): Promise<AdminRoom[]> {
  const rooms: AdminRoom[] = [];
  let after: string | null = null;
  do {
    const query: string = after === null ? `?limit=${limit}` : `?limit=${limit}&after=${after}`;
    const page: AdminRoomsPage = await getJson<AdminRoomsPage>(`/api/admin/rooms${query}`);
    rooms.push(...page.rooms);
    after = page.next;
  } while (after !== null);
  return rooms;
}

const joinsIn = (page: AuditEventsPage) => page.events.filter((e) => e.kind === 'join').map((e) => e.user);

/** An unlisted room made through POST /api/rooms: its `~<hex>` name. */
async function unlistedRoom(): Promise<string> {
  const res = await createRoom({ unlisted: true });
  expect(res.status).toBe(201);
  const { url } = await res.json<{ url: string }>();
  return url.replace(/^\/r\//, '');
}

describe('GET /api/admin/rooms', () => {
  it('needs the admin token: without it the answer is 401', async () => {
    const res = await adminGet('/api/admin/rooms');
    expect(res.status).toBe(401);
    expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
  });

  it('lists public and unlisted rooms, the unlisted one by ~<hex>, with member counts', async () => {
    const slug = uniqueSlug('listed');
    await joinRoom(`/r/${slug}`, uniqueName('ann'));
    const hidden = await unlistedRoom();
    expect(hidden).toMatch(/^~[0-9a-f]{64}$/);

    // The first join is reported at once, but after the fact.
    await expect.poll(async () => (await allRooms()).find((room) => room.room === slug)?.members).toBe(1);
    const rooms = await allRooms();
    expect(rooms.find((room) => room.room === slug)).toMatchObject({ listed: true, topic: '', members: 1 });
    expect(rooms.find((room) => room.room === hidden)).toMatchObject({ listed: false, members: 0 });
    // The public directory still does not show it.
    const open = await (await SELF.fetch(`${ORIGIN}/api/rooms`)).json<{ rooms: { slug: string }[] }>();
    expect(open.rooms.map((room) => room.slug)).not.toContain(hidden);
  });

  it('pages by room with a bounded limit: every room once, in order, and no page over the maximum', async () => {
    for (const prefix of ['page-a', 'page-b', 'page-c']) await createRoom({ slug: uniqueSlug(prefix) });
    const everything = await allRooms();
    expect(everything.length).toBeGreaterThanOrEqual(3);
    const byTwo = await allRooms(2);
    expect(byTwo.map((room) => room.room)).toEqual(everything.map((room) => room.room));
    expect([...byTwo.map((room) => room.room)].sort()).toEqual(byTwo.map((room) => room.room));

    for (const query of ['?limit=501', '?limit=0', '?after=Not%20a%20room', '?colour=red']) {
      const res = await adminGet(`/api/admin/rooms${query}`, adminToken());
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toMatchObject({ error: 'bad_query' });
    }
  });
});

describe('/api/admin/rooms/<room>', () => {
  it("reads only that room's events: two rooms' audit logs stay apart", async () => {
    const first = uniqueSlug('audit-a');
    const second = uniqueSlug('audit-b');
    const ann = await joinRoom(`/r/${first}`, uniqueName('ann'));
    const ben = await joinRoom(`/r/${second}`, uniqueName('ben'));

    const firstJoins = joinsIn(await getJson<AuditEventsPage>(`/api/admin/rooms/${first}/events`));
    const secondJoins = joinsIn(await getJson<AuditEventsPage>(`/api/admin/rooms/${second}/events`));
    expect(firstJoins).toEqual([ann.name]);
    expect(secondJoins).toEqual([ben.name]);
    const lobbyJoins = joinsIn(await getJson<AuditEventsPage>('/api/admin/rooms/lobby/events?limit=1000'));
    expect(lobbyJoins).not.toContain(ann.name);

    const stats = await getJson<AuditStats>(`/api/admin/rooms/${first}/stats?hours=1`);
    expect(stats.hours.reduce((sum, hour) => sum + hour.joins, 0)).toBe(1);
  });

  it('reaches an unlisted room by its ~<hex> name', async () => {
    const hidden = await unlistedRoom();
    const cat = await joinRoom(`/r/${hidden}`, uniqueName('cat'));
    const page = await getJson<AuditEventsPage>(`/api/admin/rooms/${hidden}/events`);
    expect(joinsIn(page)).toEqual([cat.name]);
  });

  it('deletes only in that room: a message id of one room is unknown in another', async () => {
    const first = uniqueSlug('del-a');
    const second = uniqueSlug('del-b');
    const dee = await joinRoom(`/r/${first}`, uniqueName('dee'));
    await joinRoom(`/r/${second}`, uniqueName('eve'));
    const { id } = await dee.say('to be deleted by the operator');

    const elsewhere = await adminDelete(`/api/admin/rooms/${second}/messages/${id}`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: 'unknown_message' });
    const here = await adminDelete(`/api/admin/rooms/${first}/messages/${id}`);
    expect(here.status).toBe(200);
    expect(await here.json()).toEqual({ deleted: id });

    const purged = await adminDelete(`/api/admin/rooms/${second}/history`);
    expect(purged.status).toBe(200);
    const kinds = (await getJson<AuditEventsPage>(`/api/admin/rooms/${first}/events`)).events.map(
      (e) => e.kind,
    );
    expect(kinds).toContain('message_deleted');
    expect(kinds).not.toContain('history_purged');
  });

  it('refuses a room name breaking the rules with 400 and the reason', async () => {
    for (const bad of ['Upper', 'has_underscore', 'a'.repeat(33), '~not-hex', `~${'A'.repeat(64)}`]) {
      const res = await adminGet(`/api/admin/rooms/${bad}/events`, adminToken());
      expect(res.status, bad).toBe(400);
      const body = await res.json<{ error: string; message: string }>();
      expect(body.error, bad).toBe('bad_room_name');
      expect(body.message, bad).toMatch(
        bad.startsWith('~') ? /64 lowercase hex digits/ : /lowercase letters/,
      );
    }
  });

  it('answers 404 for an unknown room, and asking creates nothing', async () => {
    const slug = uniqueSlug('never');
    const neverMade = `~${env.CHAT_ROOM.newUniqueId().toString()}`;
    for (const room of [slug, neverMade]) {
      for (const path of ['events', 'stats']) {
        const res = await adminGet(`/api/admin/rooms/${room}/${path}`, adminToken());
        expect(res.status, `${room}/${path}`).toBe(404);
        expect(await res.json()).toMatchObject({ error: 'unknown_room' });
      }
      const res = await adminDelete(`/api/admin/rooms/${room}/history`);
      expect(res.status).toBe(404);
      expect(await directory().knows(room)).toBe(false);
    }
    expect((await allRooms()).map((room) => room.room)).not.toContain(slug);
    // Still free to be created as usual.
    expect((await createRoom({ slug })).status).toBe(201);
  });

  it('needs the admin token like every admin path', async () => {
    const slug = uniqueSlug('locked');
    await createRoom({ slug });
    expect((await adminGet(`/api/admin/rooms/${slug}/events`)).status).toBe(401);
    expect((await adminGet(`/api/admin/rooms/${slug}/events`, 'wrong-token')).status).toBe(401);
  });
});

describe('the older /api/admin paths', () => {
  it('still mean the default room: the same events as /api/admin/rooms/lobby, none of another room', async () => {
    const lobbyMember = await joinAs(uniqueName('fay'));
    const roomMember = await joinRoom(`/r/${uniqueSlug('other')}`, uniqueName('gus'));
    const old = await getJson<AuditEventsPage>('/api/admin/events?limit=1000');
    const scoped = await getJson<AuditEventsPage>('/api/admin/rooms/lobby/events?limit=1000');
    expect(joinsIn(old)).toContain(lobbyMember.name);
    expect(joinsIn(old)).not.toContain(roomMember.name);
    expect(old.events.map((e) => e.id)).toEqual(scoped.events.map((e) => e.id));
    expect((await adminGet('/api/admin/stats', adminToken())).status).toBe(200);
  });
});
