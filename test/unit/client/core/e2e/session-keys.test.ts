// The session's key manager (client/core/e2e/session-keys.ts): keys made once and found again by
// session id, hourly rotation saved before it is published, deletion when the session ends.

import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../../../client/core/e2e/key-store';
import { PREKEY_GRACE_MS, PREKEY_ROTATE_MS } from '../../../../../client/core/e2e/prekey-ring';
import { SessionKeyManager } from '../../../../../client/core/e2e/session-keys';
import { T0 } from './sessions';

describe('the session key manager', () => {
  it('makes keys for a new session and finds the same ones again by its id (a reload)', async () => {
    const store = memoryKeyStore();
    const first = await SessionKeyManager.open(store, 'session-a', T0);
    const again = await SessionKeyManager.open(store, 'session-a', T0 + 1000);
    expect(again.keys.identity.id).toBe(first.keys.identity.id);
    expect(again.published()).toEqual(first.published());
    const other = await SessionKeyManager.open(store, 'session-b', T0);
    expect(other.keys.identity.id).not.toBe(first.keys.identity.id);
  });

  it('publishes the identity key and the current prekey, signed, with no private part', async () => {
    const manager = await SessionKeyManager.open(memoryKeyStore(), 's', T0);
    const published = manager.published();
    expect(Object.keys(published).sort()).toEqual(['identity', 'prekey']);
    expect(Object.keys(published.prekey).sort()).toEqual(['createdAt', 'id', 'key', 'sig']);
    expect(published.prekey.id).toBe(manager.keys.prekeys.current.id);
    expect(published.identity).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('rotates the prekey once it is an hour old, saves the rotation, and says a publication is due', async () => {
    const store = memoryKeyStore();
    const manager = await SessionKeyManager.open(store, 's', T0);
    const before = manager.published().prekey.id;
    expect(await manager.maintain(T0 + PREKEY_ROTATE_MS - 1)).toBe(false);
    expect(manager.published().prekey.id).toBe(before);
    expect(await manager.maintain(T0 + PREKEY_ROTATE_MS)).toBe(true);
    const after = manager.published().prekey.id;
    expect(after).not.toBe(before);
    expect((await store.load('s'))?.prekeys.current.id).toBe(after);
    expect((await store.load('s'))?.prekeys.retired.map((r) => r.prekey.id)).toEqual([before]);
  });

  it('brings keys loaded after a long absence up to date: rotated, and past-grace private halves dropped', async () => {
    const store = memoryKeyStore();
    const first = await SessionKeyManager.open(store, 's', T0);
    await first.maintain(T0 + PREKEY_ROTATE_MS);
    const reloaded = await SessionKeyManager.open(store, 's', T0 + PREKEY_ROTATE_MS + PREKEY_GRACE_MS + 1);
    expect(reloaded.keys.prekeys.retired.map((r) => r.prekey.id)).not.toContain(
      first.keys.prekeys.retired[0]?.prekey.id,
    );
    expect(reloaded.keys.prekeys.deleted).toHaveLength(1);
  });

  it('deletes every key of the session when it ends for good', async () => {
    const store = memoryKeyStore();
    const manager = await SessionKeyManager.open(store, 's', T0);
    await manager.end();
    expect(await store.load('s')).toBeNull();
    expect(await manager.maintain(T0 + PREKEY_ROTATE_MS)).toBe(false);
    expect(await store.load('s')).toBeNull();
  });
});

describe('stale sessions', () => {
  it('deletes sessions whose prekey stopped rotating hours ago, but never the one it keeps', async () => {
    const store = memoryKeyStore();
    await SessionKeyManager.open(store, 'closed-tab', T0);
    await SessionKeyManager.open(store, 'this-tab', T0);
    const live = await SessionKeyManager.open(store, 'other-live-tab', T0);
    await live.maintain(T0 + 3 * PREKEY_ROTATE_MS);
    expect(await store.deleteStale(T0 + 1, 'this-tab')).toBe(1);
    expect(await store.load('closed-tab')).toBeNull();
    expect(await store.load('this-tab')).not.toBeNull();
    expect(await store.load('other-live-tab')).not.toBeNull();
  });
});
