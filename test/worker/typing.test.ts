// Typing signals through the room: they reach only the conversation's members, and however many
// arrive they are coalesced into one frame per member per interval.

import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, joinAll, uniqueName } from './support/room-client';

afterEach(closeAll);

describe('typing in the Lobby', () => {
  it('reaches the other members as one coalesced frame naming every typist once', async () => {
    const [alice, bob, carol, dave] = await joinAll(
      uniqueName('alice'),
      uniqueName('bob'),
      uniqueName('carol'),
      uniqueName('dave'),
    );
    // Alice types fast; her client would throttle, but the room must coalesce anyway.
    for (let i = 0; i < 10; i++) await alice.channel.send({ type: 'typing' });
    await bob.channel.send({ type: 'typing' });
    await carol.channel.send({ type: 'typing' });

    const notice = await dave.inbox.next('typing');
    expect(notice.private).toBe(false);
    expect([...notice.names].sort()).toEqual([alice.name, bob.name, carol.name].sort());
    // The typists hear about the others, never about themselves.
    const atAlice = await alice.inbox.next('typing');
    expect([...atAlice.names].sort()).toEqual([bob.name, carol.name].sort());

    // One frame for the whole burst: the next thing dave hears is the message, not more typing.
    await alice.say('done typing');
    await dave.inbox.next('msg', (m) => m.text === 'done typing');
    expect(dave.inbox.messages.filter((m) => m.type === 'typing')).toEqual([]);
  });

  it('is not sent for someone who sent their message before the interval ended', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await alice.channel.send({ type: 'typing' });
    await alice.say('sent straight away');
    await bob.inbox.next('msg', (m) => m.text === 'sent straight away');
    // A later signal from someone else proves the interval has passed without alice in it.
    const [carol] = await joinAll(uniqueName('carol'));
    await bob.inbox.presence(`join:${carol.name}`);
    await carol.channel.send({ type: 'typing' });
    const notice = await bob.inbox.next('typing');
    expect(notice.names).toEqual([carol.name]);
  });
});

describe('typing in a private conversation', () => {
  it('reaches only the peer, once per interval', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    for (let i = 0; i < 5; i++) await alice.channel.send({ type: 'typing', to: bob.name.toUpperCase() });

    const notice = await bob.inbox.next('typing');
    expect(notice).toEqual({ type: 'typing', names: [alice.name], private: true });

    // Carol hears nothing: the next thing she gets is a Lobby message sent after the signals.
    await alice.say('public now');
    await carol.inbox.next('msg', (m) => m.text === 'public now');
    expect(carol.inbox.messages.some((m) => m.type === 'typing')).toBe(false);
    await bob.inbox.next('msg', (m) => m.text === 'public now');
    expect(bob.inbox.messages.filter((m) => m.type === 'typing')).toEqual([]);
  });

  it('to yourself or to a malformed name is refused with a clear error', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    await alice.channel.send({ type: 'typing', to: alice.name });
    await alice.inbox.error('self_message');
    await alice.channel.send({ type: 'typing', to: 'no such name!' });
    await alice.inbox.error('unknown_user');
  });
});
