// Mute (issue 14): a muted member still reads the room, but their Lobby and private messages, edits,
// reactions and file offers are refused with `muted` and the time left; they are told why, the room
// sees a system line, and it holds across an eviction and a reconnect until it ends or is lifted.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRoom } from '../../worker/room/chat-room';
import { act, evict, join, ownedRoom, post, stubOf, tryJoin } from './support/moderation';
import { cid, closeAll, uniqueName } from './support/room-client';

afterEach(closeAll);

describe('mute', () => {
  it('the member is told why and can still read, but cannot send', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    const { id: before } = await bob.say('said before the mute');
    await act(owner, { type: 'mute', name: bob.name, minutes: 10, reason: 'calm down' });
    const told = await bob.inbox.next('moderated');
    expect(told).toMatchObject({ action: 'mute', reason: 'calm down' });
    expect((await owner.inbox.next('system', (m) => m.action === 'mute')).text).toBe(
      `${bob.name} was muted for 10 minutes by the room owner.`,
    );
    const refused = await post(bob, 'let me speak');
    expect(refused).toMatchObject({ type: 'error', code: 'muted' });
    expect(refused.type === 'error' ? refused.retryMs : 0).toBeGreaterThan(9 * 60_000);
    const pm = cid();
    await bob.channel.send({ type: 'pm', cid: pm, to: owner.name, text: 'psst', ts: Date.now() });
    expect((await bob.inbox.error('muted')).cid).toBe(pm);
    await bob.channel.send({ type: 'edit', id: before, text: 'rewritten' });
    await bob.inbox.error('muted');
    await bob.channel.send({ type: 'react', id: before, emoji: '👍', on: true });
    await bob.inbox.error('muted');
    // Reading goes on.
    const { id } = await owner.say('you can still read this');
    expect((await bob.inbox.next('msg', (m) => m.id === id)).text).toBe('you can still read this');
  });

  it('holds across an eviction and a reconnect, and the welcome says until when', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'mute', name: bob.name, minutes: 30 });
    const { until } = await bob.inbox.next('moderated');
    await evict(room.path);
    expect(await post(bob, 'after the eviction')).toMatchObject({ type: 'error', code: 'muted' });
    bob.channel.close();
    await bob.channel.ended;
    const back = await tryJoin(room.path, bob.name, { resume: bob.joined.token });
    expect(back.reply).toMatchObject({ type: 'joined', resumed: true, mutedUntil: until });
    expect(await post(back.member, 'after the reconnect')).toMatchObject({ type: 'error', code: 'muted' });
  });

  it('ends when the owner unmutes, or when its time is up', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    const bob = await join(room.path, uniqueName('bob'));
    await act(owner, { type: 'mute', name: bob.name, minutes: 5 });
    await bob.inbox.next('moderated');
    await act(owner, { type: 'unmute', name: bob.name });
    expect(await bob.inbox.next('moderated')).toEqual({ type: 'moderated', action: 'unmute' });
    expect(await post(bob, 'free')).toMatchObject({ type: 'msg' });

    await act(owner, { type: 'mute', name: bob.name, minutes: 5 });
    await bob.inbox.next('moderated', (m) => m.action === 'mute');
    await runInDurableObject(stubOf(room.path), (_r: ChatRoom, state) => {
      state.storage.sql.exec('UPDATE sanctions SET until = ?', Date.now() - 1);
    });
    await evict(room.path);
    expect(await post(bob, 'time is up')).toMatchObject({ type: 'msg' });
  });

  it('an unmute of a member who is not muted is refused with unknown_user', async () => {
    const room = await ownedRoom();
    const owner = await join(room.path, uniqueName('owner'), room.ownerToken);
    await act(owner, { type: 'unmute', name: uniqueName('nobody') });
    await owner.inbox.error('unknown_user');
  });
});
