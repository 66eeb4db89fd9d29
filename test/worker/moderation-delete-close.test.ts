// An owner deletes anyone's Lobby message (the same `deleted` event as an author's delete), but no
// private one; and closes the room: everyone is disconnected with room_closed, its history, files
// (R2 too), audit log and names are deleted, and the directory forgets it.

import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import type { ChatRoom } from '../../worker/room/chat-room';
import { share, testFile } from './support/files';
import { act, join, ownedLinkRoom, ownedRoom, rowCount, stubOf } from './support/moderation';
import { cid, closeAll, ORIGIN, uniqueName } from './support/room-client';
import { listed } from './support/rooms';

afterEach(closeAll);

describe('an owner deleting a message', () => {
  it("deletes anyone's Lobby message for everyone, tells its author, and announces it", async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    const carol = await join(room.path, uniqueName('carol'));
    const { id } = await bob.say('something awful');
    await act(owner, { type: 'delete', id });
    expect(await carol.inbox.next('deleted', (m) => m.id === id)).toMatchObject({ id });
    expect(await bob.inbox.next('moderated')).toEqual({ type: 'moderated', action: 'delete' });
    expect((await carol.inbox.next('system', (m) => m.action === 'delete')).text).toBe(
      `A message by ${bob.name} was deleted by the room owner.`,
    );
    const text = await runInDurableObject(
      stubOf(room.path),
      (_r: ChatRoom, state) =>
        state.storage.sql.exec<{ text: string }>('SELECT text FROM messages WHERE id = ?', id).one().text,
    );
    expect(text).toBe('');
  });

  it("cannot delete a private message between two others: it is not the owner's to see", async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    const carol = await join(room.path, uniqueName('carol'));
    const sent = cid();
    await bob.channel.send({ type: 'pm', cid: sent, to: carol.name, text: 'between us', ts: Date.now() });
    const { id } = await carol.inbox.next('pm');
    await act(owner, { type: 'delete', id });
    await owner.inbox.error('unknown_message');
  });

  it("a member who is not the owner still cannot delete someone else's message", async () => {
    const room = await ownedRoom();
    const bob = await join(room.path, uniqueName('bob'));
    const carol = await join(room.path, uniqueName('carol'));
    const { id } = await bob.say('mine');
    await act(carol, { type: 'delete', id });
    await carol.inbox.error('not_author');
  });
});

describe('closing the room', () => {
  it('disconnects everyone with room_closed and deletes history, files in R2, audit log and names', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await bob.say('history to be deleted');
    const fileId = await share(bob, testFile(2000));
    await act(owner, { type: 'topic', topic: 'soon gone' });
    await act(owner, { type: 'close_room' });
    expect((await bob.inbox.next('system', (m) => m.action === 'close')).text).toContain('closed');
    expect(await bob.inbox.next('moderated')).toEqual({ type: 'moderated', action: 'close' });
    expect((await bob.channel.ended).code).toBe(CLOSE_CODES.room_closed);
    expect((await owner.channel.ended).code).toBe(CLOSE_CODES.room_closed);

    for (const table of ['messages', 'files', 'file_recipients', 'events', 'reservations', 'room_settings']) {
      expect(await rowCount(room.path, table), table).toBe(0);
    }
    await runInDurableObject(stubOf(room.path), (r: ChatRoom) => r.files.cleanedUp());
    const objects = await env.FILES.list({ prefix: `files/${fileId}/` });
    expect(objects.objects).toEqual([]);
    expect(await listed(room.slug)).toBeUndefined();
  });

  it('frees a public slug to be created again, with a new owner token', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    await act(owner, { type: 'close_room' });
    await owner.channel.ended;
    const again = await SELF.fetch(`${ORIGIN}/api/rooms`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: JSON.stringify({ slug: room.slug }),
    });
    expect(again.status).toBe(201);
    const { ownerToken } = (await again.json()) as { ownerToken: string };
    expect(ownerToken).not.toBe(room.ownerToken);
    const newOwner = await join(room.path, uniqueName('owner'), ownerToken);
    expect(newOwner.joined.owner).toBe(true);
  });

  it("kills a link room's link: a socket to it is refused with 404 unknown_room afterwards", async () => {
    const room = await ownedLinkRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    await act(owner, { type: 'close_room' });
    await owner.channel.ended;
    const res = await SELF.fetch(`${ORIGIN}${room.path}/ws`, {
      headers: { Upgrade: 'websocket', Origin: ORIGIN },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'unknown_room' });
  });
});
