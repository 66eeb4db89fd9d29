// Many rooms behind one URL: /r/<slug> and /r/~<hex> each reach their own ChatRoom, fully isolated
// from each other and from the default room at /ws; a room path breaking the rules is refused with
// a reason, and an unknown unlisted id gets a 404 page that offers the directory.

import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/http/app';
import { closeAll, joinAs, ORIGIN, uniqueName } from './support/room-client';
import { createRoom, joinRoom, openRoomSocket, uniqueSlug } from './support/rooms';

afterEach(closeAll);

describe('two rooms', () => {
  it('are fully isolated: roster, messages and history, and the same name can be used in both', async () => {
    const first = `/r/${uniqueSlug('iso-a')}`;
    const second = `/r/${uniqueSlug('iso-b')}`;
    const name = uniqueName('alice');
    const aliceA = await joinRoom(first, name);
    const aliceB = await joinRoom(second, name);
    const bobA = await joinRoom(first, uniqueName('bob'));
    expect(bobA.joined.users).toEqual(expect.arrayContaining([name, bobA.name]));

    const carolB = await joinRoom(second, uniqueName('carol'));
    expect(carolB.joined.users).not.toContain(bobA.name);
    expect(carolB.joined.users).toEqual(expect.arrayContaining([name, carolB.name]));

    await aliceA.say('only in the first room');
    expect(await bobA.inbox.nextChat()).toMatchObject({ text: 'only in the first room' });
    const echoB = await aliceB.say('only in the second room');
    expect(await carolB.inbox.nextChat()).toMatchObject({ id: echoB.id, text: 'only in the second room' });
    expect(carolB.inbox.log.some((m) => m.type === 'msg' && m.text === 'only in the first room')).toBe(false);

    const lateB = await joinRoom(second, uniqueName('dave'));
    const page = await lateB.inbox.next('history');
    expect(page.messages.map((m) => m.text)).toEqual(['only in the second room']);
  });

  it('are apart from the default room at /ws, whose name may be taken in a room as well', async () => {
    const name = uniqueName('erin');
    const lobby = await joinAs(name);
    const room = await joinRoom(`/r/${uniqueSlug('apart')}`, name);
    expect(room.joined.users).toEqual([name]);
    expect(lobby.joined.users).toContain(name);
  });

  it('are separate objects, each remembering its own address', async () => {
    const slug = uniqueSlug('named');
    await joinRoom(`/r/${slug}`, uniqueName('fay'));
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(slug));
    const address = await runInDurableObject(stub, (room) => room.rooms.identity.get());
    expect(address).toEqual({ kind: 'public', slug });
  });
});

describe('a room name breaking the rules', () => {
  it('is refused on the socket route with 400 and a JSON reason', async () => {
    for (const bad of ['Upper', 'has_underscore', 'a'.repeat(33), 'sp%20ace']) {
      const res = await SELF.fetch(`${ORIGIN}/r/${bad}/ws`, {
        headers: { Upgrade: 'websocket', Origin: ORIGIN },
      });
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({
        error: 'bad_room_name',
        message: expect.stringContaining('32'),
      });
    }
  });

  it('gets a 400 page saying why, with a link to the directory', async () => {
    const res = await SELF.fetch(`${ORIGIN}/r/Not_A_Room`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('lowercase letters, digits');
    expect(html).toContain('href="/"');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
  });

  it('is refused by POST /api/rooms with 400 bad_room_name', async () => {
    const res = await createRoom({ slug: 'No Spaces' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_room_name' });
  });
});

describe('a valid room path', () => {
  it('serves the client app with the security headers', async () => {
    const res = await SELF.fetch(`${ORIGIN}/r/${uniqueSlug('page')}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app">');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
  });

  it('names its room from the path, overwriting a room header a client sends', async () => {
    const slug = uniqueSlug('forged');
    const ws = await openRoomSocket(`/r/${slug}`, { 'X-ChatSpace-Room': 'public:lobby' });
    ws.close();
    const stub = env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(slug));
    expect(await runInDurableObject(stub, (room) => room.rooms.identity.get())).toEqual({
      kind: 'public',
      slug,
    });
  });
});

describe('an unlisted room', () => {
  it('is created with an unguessable link that a second client can join', async () => {
    const res = await createRoom({ unlisted: true });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/r\/~[0-9a-f]{64}$/);
    expect((await SELF.fetch(`${ORIGIN}${url}`)).status).toBe(200);
    const alice = await joinRoom(url, uniqueName('alice'));
    const bob = await joinRoom(url, uniqueName('bob'));
    expect(bob.joined.users).toEqual(expect.arrayContaining([alice.name, bob.name]));
  });

  it('with a malformed or unknown id gets a 404 page that offers the directory', async () => {
    const neverOpened = env.CHAT_ROOM.newUniqueId().toString();
    for (const id of ['abc', 'f'.repeat(64), neverOpened]) {
      const res = await SELF.fetch(`${ORIGIN}/r/~${id}`);
      expect(res.status, id).toBe(404);
      const html = await res.text();
      expect(html).toContain('No such room');
      expect(html).toContain('<a href="/">');
    }
  });

  it('with an unknown id refuses a socket with 404 unknown_room', async () => {
    const neverOpened = env.CHAT_ROOM.newUniqueId().toString();
    for (const id of [neverOpened, '0'.repeat(64)]) {
      const res = await SELF.fetch(`${ORIGIN}/r/~${id}/ws`, {
        headers: { Upgrade: 'websocket', Origin: ORIGIN },
      });
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'unknown_room' });
    }
  });
});

describe('the default room', () => {
  it('is still reached at /ws and at /r/lobby/ws, one and the same room', async () => {
    const name = uniqueName('gus');
    await joinAs(name);
    const again = await joinRoom('/r/lobby', uniqueName('hal'));
    expect(again.joined.users).toContain(name);
  });

  it('cannot be created again by POST /api/rooms', async () => {
    const res = await app.fetch(
      new Request(`${ORIGIN}/api/rooms`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
        body: JSON.stringify({ slug: 'lobby' }),
      }),
      env,
    );
    expect(res.status).toBe(409);
  });
});
