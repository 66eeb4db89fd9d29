// Kick and ban (issue 14). A kick closes the member's socket with `kicked` after telling them why,
// and frees the name at once. A ban does the same with `banned`, and refuses the name's joins and
// its session's reconnects with `banned` and the time left, until it ends or is lifted, across an
// eviction. An owner cannot be kicked or banned.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import type { ChatRoom } from '../../worker/room/chat-room';
import { act, evict, join, ownedRoom, stubOf, tryJoin } from './support/moderation';
import { closeAll, uniqueName } from './support/room-client';

afterEach(closeAll);

describe('kick', () => {
  it('tells the member why, closes their socket with kicked, announces it, and frees the name', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    const carol = await join(room.path, uniqueName('carol'));
    await act(owner, { type: 'kick', name: bob.name.toUpperCase(), reason: 'spamming links' });
    expect(await bob.inbox.next('moderated')).toEqual({
      type: 'moderated',
      action: 'kick',
      reason: 'spamming links',
    });
    expect((await bob.channel.ended).code).toBe(CLOSE_CODES.kicked);
    const line = await carol.inbox.next('system', (m) => m.action === 'kick');
    expect(line).toMatchObject({
      name: bob.name,
      text: `${bob.name} was removed from the room by the room owner.`,
    });
    await carol.inbox.presence(`leave:${bob.name}:kicked`);
    // The name is free at once, for anyone; the old resume token no longer takes it back.
    const stale = await tryJoin(room.path, bob.name, { resume: bob.joined.token });
    expect(stale.reply).toMatchObject({ type: 'joined', resumed: false });
  });

  it('refuses an unknown name with unknown_user, and an owner with owner_immune', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const other = await join(room.path, uniqueName('coowner'), room.ownerToken);
    await act(owner, { type: 'kick', name: uniqueName('nobody') });
    await owner.inbox.error('unknown_user');
    await act(owner, { type: 'kick', name: other.name });
    await owner.inbox.error('owner_immune');
  });

  it('is audited with who did it to whom, and the reason is not kept', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'kick', name: bob.name, reason: 'a private reason' });
    await bob.channel.ended;
    const page = await runInDurableObject(stubOf(room.path), (r: ChatRoom) =>
      r.listEvents({ limit: 10, kinds: ['moderation'] }),
    );
    expect(page.events[0]).toMatchObject({ user: owner.name, peer: bob.name, code: 'kick' });
    expect(JSON.stringify(page)).not.toContain('private reason');
  });
});

describe('ban', () => {
  it('closes the socket with banned and refuses the reconnect with banned and the time left', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'ban', name: bob.name, minutes: 60, reason: 'abuse' });
    const told = await bob.inbox.next('moderated');
    expect(told).toMatchObject({ action: 'ban', reason: 'abuse' });
    expect((await bob.channel.ended).code).toBe(CLOSE_CODES.banned);
    const line = await owner.inbox.next('system', (m) => m.action === 'ban');
    expect(line.text).toBe(`${bob.name} was banned for 1 hour by the room owner.`);
    expect(line.until).toBe(told.until);

    const again = await tryJoin(room.path, bob.name, { resume: bob.joined.token });
    expect(again.reply).toMatchObject({ type: 'error', code: 'banned' });
    const retryMs = again.reply.type === 'error' ? (again.reply.retryMs ?? 0) : 0;
    expect(retryMs).toBeGreaterThan(59 * 60_000);
    expect(retryMs).toBeLessThanOrEqual(60 * 60_000);
    expect((await again.member.channel.ended).code).toBe(CLOSE_CODES.banned);
  });

  it('holds across an eviction, for the name in any case, until the owner lifts it', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'ban', name: bob.name, minutes: 10 });
    await bob.channel.ended;
    await evict(room.path);
    const refused = await tryJoin(room.path, bob.name.toUpperCase());
    expect(refused.reply).toMatchObject({ type: 'error', code: 'banned' });
    await act(owner, { type: 'unban', name: bob.name });
    expect((await owner.inbox.next('system', (m) => m.action === 'unban')).name).toBe(bob.name);
    expect((await tryJoin(room.path, bob.name)).reply).toMatchObject({ type: 'joined' });
  });

  it('ends by itself when its time is up', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const name = uniqueName('bob');
    await act(owner, { type: 'ban', name, minutes: 1 });
    await owner.inbox.next('system', (m) => m.action === 'ban');
    expect((await tryJoin(room.path, name)).reply).toMatchObject({ code: 'banned' });
    // Its end moved into the past, as if the minute had gone by; then an eviction, so no cache remembers it.
    await runInDurableObject(stubOf(room.path), (_r: ChatRoom, state) => {
      state.storage.sql.exec('UPDATE sanctions SET until = ?', Date.now() - 1);
    });
    await evict(room.path);
    expect((await tryJoin(room.path, name)).reply).toMatchObject({ type: 'joined' });
  });

  it('an owner who proves the token is not held by a ban on their name', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const name = uniqueName('later');
    await act(owner, { type: 'ban', name, minutes: 5 });
    await owner.inbox.next('system', (m) => m.action === 'ban');
    expect((await tryJoin(room.path, name, { owner: room.ownerToken })).reply).toMatchObject({
      type: 'joined',
      owner: true,
    });
  });
});
