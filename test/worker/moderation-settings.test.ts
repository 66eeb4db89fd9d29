// The room settings an owner changes (issue 14): the topic (in the welcome, the directory and a
// system line), public or unlisted (the directory follows; a link room stays unlisted), and slow
// mode (one Lobby message every N seconds per person, refused with slow_mode and the wait). Each
// survives an eviction, and each is audited.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRoom } from '../../worker/room/chat-room';
import { act, evict, join, ownedLinkRoom, ownedRoom, post, stubOf } from './support/moderation';
import { closeAll, uniqueName } from './support/room-client';
import { listed } from './support/rooms';

afterEach(closeAll);

describe('the topic', () => {
  it('reaches every member as room_settings and a system line, and is audited by size only', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'topic', topic: '  Rust\nand  coffee ' });
    const settings = await bob.inbox.next('room_settings');
    expect(settings.settings).toEqual({ topic: 'Rust and coffee', listed: true, slowModeS: 0 });
    const line = await bob.inbox.next('system', (m) => m.action === 'topic');
    expect(line.text).toBe('The topic was changed by the room owner.');
    const events = await runInDurableObject(stubOf(room.path), (r: ChatRoom) =>
      r.listEvents({ limit: 10, kinds: ['moderation'] }),
    );
    expect(events.events[0]).toMatchObject({ user: owner.name, code: 'topic', size: 15 });
    expect(JSON.stringify(events)).not.toContain('coffee');
  });

  it('shows in the directory listing, and in the welcome of a join after an eviction', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    await act(owner, { type: 'topic', topic: 'weekly book club' });
    await owner.inbox.next('room_settings');
    await expect
      .poll(async () => (await listed(room.slug))?.topic, { timeout: 10_000 })
      .toBe('weekly book club');
    await evict(room.path);
    const later = await join(room.path, uniqueName('later'));
    expect(later.joined.room).toEqual({ topic: 'weekly book club', listed: true, slowModeS: 0 });
  });
});

describe('visibility', () => {
  it('an owner makes a public room unlisted and public again; the directory follows, across an eviction', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    await expect.poll(async () => (await listed(room.slug)) !== undefined, { timeout: 10_000 }).toBe(true);
    await act(owner, { type: 'visibility', listed: false });
    expect((await owner.inbox.next('room_settings')).settings.listed).toBe(false);
    await expect.poll(async () => (await listed(room.slug)) === undefined, { timeout: 10_000 }).toBe(true);
    await evict(room.path);
    // A join (and its report to the directory) after the eviction keeps it unlisted.
    const bob = await join(room.path, uniqueName('bob'));
    expect(bob.joined.room?.listed).toBe(false);
    await bob.say('still unlisted');
    expect(await listed(room.slug)).toBeUndefined();
    await act(owner, { type: 'visibility', listed: true });
    expect((await bob.inbox.next('system', (m) => m.action === 'visibility')).text).toContain('public');
    await expect.poll(async () => (await listed(room.slug)) !== undefined, { timeout: 10_000 }).toBe(true);
  });

  it('a room made by link stays unlisted: listing it is refused with always_unlisted', async () => {
    const room = await ownedLinkRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    expect(owner.joined.room?.listed).toBe(false);
    await act(owner, { type: 'visibility', listed: true });
    await owner.inbox.error('always_unlisted');
  });
});

describe('slow mode', () => {
  it('allows one Lobby message per N seconds per person, refusing the next with slow_mode and the wait', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    const carol = await join(room.path, uniqueName('carol'));
    await act(owner, { type: 'slow_mode', seconds: 60 });
    expect((await bob.inbox.next('system', (m) => m.action === 'slow_mode')).text).toBe(
      'Slow mode was turned on by the room owner: one message every 60 s per person.',
    );
    expect(await post(bob, 'first')).toMatchObject({ type: 'msg' });
    const second = await post(bob, 'second');
    expect(second).toMatchObject({ type: 'error', code: 'slow_mode' });
    const retryMs = second.type === 'error' ? (second.retryMs ?? 0) : 0;
    expect(retryMs).toBeGreaterThan(50_000);
    expect(retryMs).toBeLessThanOrEqual(60_000);
    // Per person: carol may still speak, and the owner is exempt.
    expect(await post(carol, 'mine')).toMatchObject({ type: 'msg' });
    expect(await post(owner, 'one')).toMatchObject({ type: 'msg' });
    expect(await post(owner, 'two')).toMatchObject({ type: 'msg' });
  });

  it('holds across an eviction, and ends when the owner turns it off', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'slow_mode', seconds: 30 });
    await bob.inbox.next('room_settings', (m) => m.settings.slowModeS === 30);
    expect(await post(bob, 'first')).toMatchObject({ type: 'msg' });
    await evict(room.path);
    expect(await post(bob, 'too soon')).toMatchObject({ type: 'error', code: 'slow_mode' });
    await act(owner, { type: 'slow_mode', seconds: 0 });
    await bob.inbox.next('room_settings', (m) => m.settings.slowModeS === 0);
    expect(await post(bob, 'free again')).toMatchObject({ type: 'msg' });
  });
});
