// End-to-end key publication through the room (worker/room/key-directory.ts, handlers/keys.ts): a
// member's published keys reach the others in presence, come with `joined` and on request, and a
// later owner of a name never inherits them. The headless ChatClient publishes after joining.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishedKeys } from '#protocol/e2e-messages';
import { memoryKeyStore } from '../../client/core/e2e/key-store';
import { memoryPeerStorage } from '../../client/core/e2e/peer-keys';
import { SessionKeyManager } from '../../client/core/e2e/session-keys';
import type { ChatRoom } from '../../worker/room/chat-room';
import { chatClient, closeAll, joinAll, joinAs, roomStub, uniqueName } from './support/room-client';

afterEach(closeAll);

async function keysOf(session: string): Promise<PublishedKeys> {
  return (await SessionKeyManager.open(memoryKeyStore(), session, Date.now())).published();
}

describe('end-to-end key publication', () => {
  it("announces a member's published keys to the others in presence, and gives them to later joiners", async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const keys = await keysOf('bob');
    await bob.channel.send({ type: 'publish_keys', keys });
    await alice.inbox.presence(`keys:${bob.name}`);
    const carol = await joinAs(uniqueName('carol'));
    expect(carol.joined.keys).toContainEqual({ name: bob.name, keys });
  });

  it('answers a request for keys, with null for a member who published none and unknown_user for nobody', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await alice.channel.send({ type: 'keys', name: bob.name });
    expect(await alice.inbox.next('keys')).toEqual({ type: 'keys', name: bob.name, keys: null });
    const keys = await keysOf('bob');
    await bob.channel.send({ type: 'publish_keys', keys });
    await alice.inbox.presence(`keys:${bob.name}`);
    await alice.channel.send({ type: 'keys', name: bob.name.toUpperCase() });
    expect(await alice.inbox.next('keys')).toEqual({ type: 'keys', name: bob.name, keys });
    await alice.channel.send({ type: 'keys', name: 'nobody_here' });
    expect((await alice.inbox.next('error')).code).toBe('unknown_user');
  });

  it('refuses keys of the wrong shape without storing them', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const keys = await keysOf('alice');
    await alice.channel.send({
      type: 'publish_keys',
      keys: { ...keys, identity: `${keys.identity}AAAA` },
    } as never);
    expect((await alice.inbox.next('error')).code).toBe('bad_field');
  });

  it("does not hand a name's keys to a later owner's peers once the reservation lapsed", async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await bob.channel.send({ type: 'publish_keys', keys: await keysOf('bob') });
    await alice.inbox.presence(`keys:${bob.name}`);
    bob.channel.close();
    await alice.inbox.presence(`leave:${bob.name}:left`);
    // The reservation runs out (as after RESERVATION_MS) and the alarm prunes it.
    await runInDurableObject(roomStub(), (room: ChatRoom) => {
      room.store.pruneReservations(Date.now() + 10 * 60 * 1000);
    });
    const later = await joinAs(bob.name);
    expect(later.joined.resumed).toBe(false);
    expect(later.joined.keys?.some((k) => k.name === bob.name) ?? false).toBe(false);
    await alice.channel.send({ type: 'keys', name: bob.name });
    expect(await alice.inbox.next('keys')).toEqual({ type: 'keys', name: bob.name, keys: null });
  });

  it('the headless client publishes its keys after joining, and its peer learns and checks them', async () => {
    const e2e = () => ({ keyStore: memoryKeyStore(), peerStorage: () => memoryPeerStorage() });
    const alice = chatClient({ e2e: e2e() });
    await alice.connect();
    await alice.join(uniqueName('alice'));
    const bob = chatClient({ e2e: e2e() });
    await bob.connect();
    const bobName = uniqueName('bob');
    const learned = new Promise<string>((resolve) => alice.e2e.on('peer', resolve));
    await bob.join(bobName);
    expect(await learned).toBe(bobName);
    expect(alice.e2e.sealsTo(bobName)).toBe(true);
    expect(alice.e2e.book?.currentIdentity(bobName)?.publicRaw).toEqual(bob.e2e.ownIdentity);
  });
});

describe('prekey rotation', () => {
  it('publishes the new prekey when the hour is up, and the peer seals to it from then on', async () => {
    let now = Date.now();
    const e2e = () => ({
      keyStore: memoryKeyStore(),
      peerStorage: () => memoryPeerStorage(),
      rotationCheckMs: 0,
    });
    const alice = chatClient({ e2e: e2e() });
    await alice.connect();
    await alice.join(uniqueName('alice'));
    const bob = chatClient({ e2e: e2e(), now: () => now });
    await bob.connect();
    const bobName = uniqueName('bob');
    const learned = new Promise<string>((resolve) => alice.e2e.on('peer', resolve));
    await bob.join(bobName);
    await learned;
    const before = alice.e2e.book?.sealTarget(bobName)?.prekey.id;
    expect(await bob.e2e.rotate()).toBe(false);
    now += 60 * 60 * 1000;
    const relearned = new Promise<string>((resolve) => alice.e2e.on('peer', resolve));
    expect(await bob.e2e.rotate()).toBe(true);
    await relearned;
    const after = alice.e2e.book?.sealTarget(bobName)?.prekey.id;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
  });
});
