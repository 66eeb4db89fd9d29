// The RoomDirectory: public rooms listed with member counts that follow joins and leaves (at once
// on the first join and the last leave, coalesced in between), unlisted rooms never listed, no
// alarm for an empty room, MAX_ROOMS and the per-IP creation limit.

import { env, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { FORGET_EMPTY_AFTER_MS } from '../../worker/directory/directory-store';
import { app } from '../../worker/http/app';
import { REPORT_GAP_MS } from '../../worker/room/directory-reporter';
import { at } from './support/clock';
import { closeAll, ORIGIN, uniqueName } from './support/room-client';
import { createRoom, directory, joinRoom, listed, listRooms, uniqueSlug } from './support/rooms';

afterEach(closeAll);

function roomStub(slug: string) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(slug));
}

/** Whether the room has a directory report waiting for its coalescing timer. */
function reportPending(slug: string): Promise<boolean> {
  return runInDurableObject(roomStub(slug), (room) => room.rooms.reporter.pending);
}

describe('the directory', () => {
  it('lists a public room created by POST /api/rooms, with nobody in it', async () => {
    const slug = uniqueSlug('made');
    const res = await createRoom({ slug });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ url: `/r/${slug}`, ownerToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect(await listed(slug)).toMatchObject({ slug, topic: '', members: 0 });
  });

  it('refuses to create a public room twice with 409 room_exists', async () => {
    const slug = uniqueSlug('twice');
    expect((await createRoom({ slug })).status).toBe(201);
    const again = await createRoom({ slug });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'room_exists' });
  });

  it('follows joins and leaves: at once on the first join and last leave, coalesced in between', async () => {
    const slug = uniqueSlug('count');
    const path = `/r/${slug}`;
    const first = await joinRoom(path, uniqueName('ann'));
    // The first join is reported at once, well within the coalescing gap.
    await expect.poll(async () => (await listed(slug))?.members, { timeout: REPORT_GAP_MS - 1_000 }).toBe(1);

    const second = await joinRoom(path, uniqueName('ben'));
    const third = await joinRoom(path, uniqueName('cat'));
    // Within the gap since the last report, both joins wait for one coalesced report.
    expect(await reportPending(slug)).toBe(true);
    expect((await listed(slug))?.members).toBe(1);
    await expect.poll(async () => (await listed(slug))?.members, { timeout: 3 * REPORT_GAP_MS }).toBe(3);
    expect(await reportPending(slug)).toBe(false);

    second.channel.close();
    third.channel.close();
    await expect.poll(async () => (await listed(slug))?.members, { timeout: 3 * REPORT_GAP_MS }).toBe(1);
    first.channel.close();
    await expect.poll(async () => (await listed(slug))?.members, { timeout: REPORT_GAP_MS - 1_000 }).toBe(0);
    expect(await reportPending(slug)).toBe(false);
  });

  it('moves a room up as people join, the busiest first', async () => {
    const busy = uniqueSlug('busy');
    await createRoom({ slug: busy });
    await joinRoom(`/r/${busy}`, uniqueName('dan'));
    await expect.poll(async () => (await listed(busy))?.members).toBe(1);
    const rooms = await listRooms();
    const counts = rooms.map((room) => room.members);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('never lists an unlisted room, even with people in it', async () => {
    const res = await createRoom({ unlisted: true });
    const { url } = (await res.json()) as { url: string };
    const id = url.slice('/r/~'.length);
    const member = await joinRoom(url, uniqueName('eve'));
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromString(id));
    // Wait until the room has sent its report of the first join, then look.
    await expect.poll(() => runInDurableObject(stub, (room) => room.rooms.reporter.pending)).toBe(false);
    await member.say('hello');
    const rooms = await listRooms();
    expect(rooms.some((room) => room.slug.includes(id) || room.slug.startsWith('~'))).toBe(false);
    const counted = await runInDurableObject(directory(), (_dir, state) =>
      state.storage.sql
        .exec<{ listed: number }>('SELECT listed FROM rooms WHERE key = ?', `~${id}`)
        .toArray(),
    );
    expect(counted).toEqual([{ listed: 0 }]);
  });
});

describe('an empty room', () => {
  it('with no history schedules no alarm and no report, and neither does the directory', async () => {
    const res = await createRoom({ unlisted: true });
    const { url } = (await res.json()) as { url: string };
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromString(url.slice('/r/~'.length)));
    const state = await runInDurableObject(stub, async (room, s) => ({
      alarm: await s.storage.getAlarm(),
      pending: room.rooms.reporter.pending,
      exists: room.exists(),
    }));
    expect(state).toEqual({ alarm: null, pending: false, exists: true });
    expect(await runInDurableObject(directory(), (_dir, s) => s.storage.getAlarm())).toBeNull();
  });

  it('created by POST /api/rooms is not even woken: only the directory counts it', async () => {
    const slug = uniqueSlug('asleep');
    await createRoom({ slug });
    const state = await runInDurableObject(roomStub(slug), async (room, s) => ({
      alarm: await s.storage.getAlarm(),
      named: room.exists(),
    }));
    expect(state).toEqual({ alarm: null, named: false });
  });
});

describe('room creation', () => {
  it('is limited per client IP, with 429 and Retry-After past ROOM_CREATIONS_PER_HOUR (10)', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 10; i++) {
      const res = await createRoom(
        { unlisted: i % 2 === 0, slug: uniqueSlug('rate') },
        { 'CF-Connecting-IP': ip },
      );
      expect(res.status, `creation ${i + 1}`).toBe(201);
    }
    const refused = await createRoom({ slug: uniqueSlug('rate') }, { 'CF-Connecting-IP': ip });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rooms_rate_limited' });
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const refusedUnlisted = await createRoom({ unlisted: true }, { 'CF-Connecting-IP': ip });
    expect(refusedUnlisted.status).toBe(429);

    const other = await createRoom({ slug: uniqueSlug('rate') }, { 'CF-Connecting-IP': '198.51.100.7' });
    expect(other.status).toBe(201);
  });

  it('joining a new room by its path counts against the same per-IP limit', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 10; i++) {
      expect((await createRoom({ slug: uniqueSlug('path') }, { 'CF-Connecting-IP': ip })).status).toBe(201);
    }
    const slug = uniqueSlug('path');
    // Without CF-Connecting-IP (no edge in front, as locally) there is no per-IP count.
    expect((await joinRoom(`/r/${slug}`, uniqueName('fox'))).joined.users).toHaveLength(1);
    const refused = await app.fetch(
      new Request(`${ORIGIN}/r/${uniqueSlug('path')}/ws`, {
        headers: { Upgrade: 'websocket', Origin: ORIGIN, 'CF-Connecting-IP': ip },
      }),
      env,
    );
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rooms_rate_limited' });
  });

  it('stops at MAX_ROOMS with 503 room_limit, for public and unlisted rooms alike', async () => {
    expect((await createRoom({ slug: uniqueSlug('cap') })).status).toBe(201);
    const capped = { ...env, MAX_ROOMS: '1' } as Env;
    for (const body of [{ slug: uniqueSlug('cap') }, { unlisted: true }]) {
      const res = await app.fetch(
        new Request(`${ORIGIN}/api/rooms`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
          body: JSON.stringify(body),
        }),
        capped,
      );
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: 'room_limit' });
    }
  });
});

describe('a public room empty for 30 days', () => {
  it('is forgotten by the directory, while a room with people in it stays', async () => {
    const empty = uniqueSlug('gone');
    const busy = uniqueSlug('stays');
    await createRoom({ slug: empty });
    await joinRoom(`/r/${busy}`, uniqueName('gil'));
    await expect.poll(async () => (await listed(busy))?.members).toBe(1);
    const later = Date.now() + FORGET_EMPTY_AFTER_MS + 60_000;
    const slugs = await at(later, async () => (await listRooms()).map((room) => room.slug));
    expect(slugs).toContain(busy);
    expect(slugs).not.toContain(empty);
  });
});
