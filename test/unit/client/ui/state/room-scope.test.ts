// Each room's per-tab state apart: the lobby keeps today's storage keys and pin scope, any other
// room gets its own, so a resume token of one room is never offered to another.

import { describe, expect, it } from 'vitest';
import { pinScope, roomScopedStorage } from '../../../../../client/ui/state/room-scope';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';

function memory(): SimpleStorage & { keys(): string[] } {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}

describe('room-scoped storage', () => {
  it("keeps the lobby's keys as they were", () => {
    const storage = memory();
    roomScopedStorage(storage, { kind: 'public', slug: 'lobby' }).setItem('chatspace:resume', 'x');
    expect(storage.keys()).toEqual(['chatspace:resume']);
  });

  it('keeps two rooms apart from each other and from the lobby', () => {
    const storage = memory();
    const rust = roomScopedStorage(storage, { kind: 'public', slug: 'rust' });
    const go = roomScopedStorage(storage, { kind: 'public', slug: 'go' });
    rust.setItem('chatspace:resume', 'rust-token');
    expect(go.getItem('chatspace:resume')).toBeNull();
    expect(storage.getItem('chatspace:resume')).toBeNull();
    expect(rust.getItem('chatspace:resume')).toBe('rust-token');
    rust.removeItem('chatspace:resume');
    expect(storage.keys()).toEqual([]);
  });

  it('pins the lobby key under the origin, as before, and a room key under origin and path', () => {
    expect(pinScope('https://chat.example', { kind: 'public', slug: 'lobby' })).toBe('https://chat.example');
    expect(pinScope('https://chat.example', { kind: 'public', slug: 'rust' })).toBe(
      'https://chat.example/r/rust',
    );
  });
});
