// The in-memory key store keeps a session's keys by session id and wipes them on deleteSession
// (client/core/e2e/key-store.ts); the IndexedDB one has the same interface and runs in the browser.

import { describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../../../../client/core/e2e/key-store';
import { newSession } from './sessions';

describe('the in-memory key store', () => {
  it('returns what was saved for a session, nothing for another, and nothing after deleteSession', async () => {
    const store = memoryKeyStore();
    const alice = await newSession('alice');
    const keys = { identity: alice.identity, prekeys: alice.prekeys };
    await store.save('session-a', keys);
    expect(await store.load('session-a')).toBe(keys);
    expect(await store.load('session-b')).toBeNull();
    await store.deleteSession('session-a');
    expect(await store.load('session-a')).toBeNull();
  });
});
