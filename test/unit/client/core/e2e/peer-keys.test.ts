// The peer key book (client/core/e2e/peer-keys.ts): prekeys checked against the identity before
// use, identity changes detected and reported, verified dropping back with a confirm step, and the
// book surviving a reload through its storage.

import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../../../client/core/e2e/key-store';
import { memoryPeerStorage, PeerKeyBook } from '../../../../../client/core/e2e/peer-keys';
import { SessionKeyManager } from '../../../../../client/core/e2e/session-keys';
import { T0 } from './sessions';

async function publishedKeys(session = 'bob', now = T0) {
  return (await SessionKeyManager.open(memoryKeyStore(), session, now)).published();
}

describe('the peer key book', () => {
  it('learns a peer from its published keys and can then seal to it, under the name the room spells', async () => {
    const book = await PeerKeyBook.restore(memoryPeerStorage());
    expect(book.sealTarget('bob')).toBeNull();
    expect(await book.learn('Bob', await publishedKeys())).toBe('first');
    expect(book.sealTarget('bob')?.name).toBe('Bob');
    expect(book.identities('BOB')).toHaveLength(1);
  });

  it('refuses a prekey whose signature does not match the identity (a room cannot swap prekeys)', async () => {
    const book = await PeerKeyBook.restore(memoryPeerStorage());
    const bob = await publishedKeys('bob');
    const mallory = await publishedKeys('mallory');
    expect(await book.learn('bob', { identity: bob.identity, prekey: mallory.prekey })).toBe('invalid');
    const flipped = bob.prekey.sig.startsWith('A')
      ? `B${bob.prekey.sig.slice(1)}`
      : `A${bob.prekey.sig.slice(1)}`;
    expect(await book.learn('bob', { ...bob, prekey: { ...bob.prekey, sig: flipped } })).toBe('invalid');
    expect(book.sealTarget('bob')).toBeNull();
  });

  it('takes a rotated prekey of the same identity without calling it a change', async () => {
    const store = memoryKeyStore();
    const manager = await SessionKeyManager.open(store, 'bob', T0);
    const book = await PeerKeyBook.restore(memoryPeerStorage());
    const changes: string[] = [];
    book.on('identityChanged', ({ name }) => changes.push(name));
    await book.learn('bob', manager.published());
    await manager.maintain(T0 + 60 * 60 * 1000);
    expect(await book.learn('bob', manager.published())).toBe('prekey');
    expect(book.sealTarget('bob')?.prekey.id).toBe(manager.published().prekey.id);
    expect(changes).toEqual([]);
  });

  it('reports a new identity for a known name, keeps the old one for older messages, and asks before sending if it was verified', async () => {
    const book = await PeerKeyBook.restore(memoryPeerStorage());
    const changes: { name: string; wasVerified: boolean }[] = [];
    book.on('identityChanged', (change) => changes.push(change));
    const first = await publishedKeys('bob-1');
    await book.learn('bob', first);
    book.markVerified('bob');
    expect(book.isVerified('bob')).toBe(true);
    expect(book.mustConfirmSend('bob')).toBe(false);
    expect(await book.learn('bob', await publishedKeys('bob-2'))).toBe('changed');
    expect(changes).toEqual([{ name: 'bob', wasVerified: true }]);
    expect(book.isVerified('bob')).toBe(false);
    expect(book.mustConfirmSend('bob')).toBe(true);
    expect(book.identities('bob')).toHaveLength(2);
    book.confirmSend('bob');
    expect(book.mustConfirmSend('bob')).toBe(false);
  });

  it('does not ask before sending when an unverified peer changes identity, but still reports it', async () => {
    const book = await PeerKeyBook.restore(memoryPeerStorage());
    const changes: string[] = [];
    book.on('identityChanged', ({ name }) => changes.push(name));
    await book.learn('bob', await publishedKeys('bob-1'));
    expect(await book.learn('bob', await publishedKeys('bob-2'))).toBe('changed');
    expect(changes).toEqual(['bob']);
    expect(book.mustConfirmSend('bob')).toBe(false);
  });

  it('comes back from its storage after a reload: identities, prekey and verified flag', async () => {
    const storage = memoryPeerStorage();
    const book = await PeerKeyBook.restore(storage);
    const bob = await publishedKeys('bob');
    await book.learn('bob', bob);
    book.markVerified('bob');
    const reloaded = await PeerKeyBook.restore(storage);
    expect(reloaded.isVerified('bob')).toBe(true);
    expect(reloaded.sealTarget('bob')?.prekey.id).toBe(bob.prekey.id);
    expect(await reloaded.learn('bob', bob)).toBe('same');
  });

  it('starts empty from storage that does not parse', async () => {
    const storage = memoryPeerStorage();
    storage.json = '{"v":1,"peers":[{"name":"bob"}]}';
    expect((await PeerKeyBook.restore(storage)).sealTarget('bob')).toBeNull();
    storage.json = 'not json';
    expect((await PeerKeyBook.restore(storage)).sealTarget('bob')).toBeNull();
  });
});
