// The owner token a room's creator keeps (client/ui/state/owner-tokens.ts): kept per room, read
// back checked, forgotten on request, and a stored value that is not a token is dropped.

import { describe, expect, it } from 'vitest';
import { loadOwnerToken, saveOwnerToken } from '../../../../../client/ui/state/owner-tokens';
import { roomScopedStorage } from '../../../../../client/ui/state/room-scope';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';

function memoryStorage(): SimpleStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('owner tokens', () => {
  it('keeps one token per room, apart from every other room', () => {
    const local = memoryStorage();
    const rust = roomScopedStorage(local, { kind: 'public', slug: 'rust' });
    const go = roomScopedStorage(local, { kind: 'public', slug: 'go' });
    saveOwnerToken(rust, 'rust-token');
    expect(loadOwnerToken(rust)).toBe('rust-token');
    expect(loadOwnerToken(go)).toBeNull();
    saveOwnerToken(rust, null);
    expect(loadOwnerToken(rust)).toBeNull();
    expect(local.map.size).toBe(0);
  });

  it('drops a stored value that cannot be a token', () => {
    const local = memoryStorage();
    for (const bad of ['', 'has space', 'x'.repeat(513)]) {
      local.setItem('chatspace:owner', bad);
      expect(loadOwnerToken(local)).toBeNull();
      expect(local.map.has('chatspace:owner')).toBe(false);
    }
  });
});
