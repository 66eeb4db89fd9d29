// Read receipts for private messages: cumulative, checked against what the recipient really
// received, kept in SQLite, and delivered again after either side reconnects.

import { evictDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { cid, closeAll, joinAll, type Member, rejoin, roomStub, uniqueName } from './support/room-client';

afterEach(closeAll);

async function whisper(from: Member, to: Member, text: string) {
  const id = cid();
  await from.channel.send({ type: 'pm', cid: id, to: to.name, text, ts: Date.now() });
  const [echo] = await Promise.all([
    from.inbox.next('pm', (m) => m.cid === id),
    to.inbox.next('pm', (m) => m.text === text),
  ]);
  return echo;
}

describe('read receipts', () => {
  it('tell the sender, cumulatively, how far the recipient has received and seen', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const first = await whisper(alice, bob, 'one');
    const second = await whisper(alice, bob, 'two');
    const third = await whisper(alice, bob, 'three');

    await bob.channel.send({ type: 'receipt', from: alice.name, delivered: third.id });
    expect(await alice.inbox.next('receipt')).toEqual({
      type: 'receipt',
      peer: bob.name,
      delivered: third.id,
      seen: 0,
    });

    await bob.channel.send({ type: 'receipt', from: alice.name, seen: second.id });
    expect(await alice.inbox.next('receipt')).toMatchObject({ delivered: third.id, seen: second.id });

    // An older receipt never takes a state back.
    await bob.channel.send({ type: 'receipt', from: alice.name, delivered: first.id, seen: first.id });
    expect(await alice.inbox.next('receipt')).toMatchObject({ delivered: third.id, seen: second.id });
  });

  it('cannot be forged for a message the user never received', async () => {
    const [alice, bob, mallory] = await joinAll(
      uniqueName('alice'),
      uniqueName('bob'),
      uniqueName('mallory'),
    );
    const toBob = await whisper(alice, bob, 'for bob');
    const publicOne = await alice.say('for everyone');

    // Mallory claims to have read alice's message to bob, a public message, and one that does not exist.
    for (const id of [toBob.id, publicOne.id, toBob.id + 10_000]) {
      await mallory.channel.send({ type: 'receipt', from: alice.name, seen: id });
      await mallory.inbox.error('bad_receipt');
    }
    // Bob names the wrong sender for a message he did receive.
    await bob.channel.send({ type: 'receipt', from: mallory.name, delivered: toBob.id });
    await bob.inbox.error('bad_receipt');

    // Alice was told nothing, and bob's honest receipt still works afterwards.
    await bob.channel.send({ type: 'receipt', from: alice.name, delivered: toBob.id });
    expect(await alice.inbox.next('receipt')).toMatchObject({ peer: bob.name, delivered: toBob.id });
    expect(alice.inbox.log.filter((m) => m.type === 'receipt')).toHaveLength(1);
  });

  it('arrive again when the sender comes back after a reconnect and an eviction', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const message = await whisper(alice, bob, 'read me later');
    alice.channel.close();
    await alice.channel.ended;

    // Bob reads it while alice is away.
    await bob.channel.send({ type: 'receipt', from: alice.name, seen: message.id });
    await bob.say('after the receipt');

    await evictDurableObject(roomStub(), { webSockets: 'close' });
    const back = await rejoin(alice);
    expect(await back.inbox.next('receipt')).toEqual({
      type: 'receipt',
      peer: bob.name,
      delivered: message.id,
      seen: message.id,
    });
  });
});
