// Unit tests for client/ui/state/preferences.ts: defaults, and every preference written back to
// storage and read again by the next page.

import { describe, expect, it } from 'vitest';
import { createPreferences } from '../../../../../client/ui/state/preferences';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';

function memoryStorage(): SimpleStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('preferences', () => {
  it('start with a 24-hour clock, the system theme, sound on and notifications off', () => {
    const prefs = createPreferences(memoryStorage());
    expect(prefs.clock12h.value).toBe(false);
    expect(prefs.theme.value).toBe('system');
    expect(prefs.sound.value).toBe(true);
    expect(prefs.notifications.value).toBe(false);
  });

  it('are read back by the next page after a change', () => {
    const storage = memoryStorage();
    const first = createPreferences(storage);
    first.clock12h.value = true;
    first.theme.value = 'dark';
    first.sound.value = false;
    first.notifications.value = true;

    const next = createPreferences(storage);
    expect(next.clock12h.value).toBe(true);
    expect(next.theme.value).toBe('dark');
    expect(next.sound.value).toBe(false);
    expect(next.notifications.value).toBe(true);
  });

  it('store nothing for a theme that follows the system', () => {
    const storage = memoryStorage();
    const prefs = createPreferences(storage);
    prefs.theme.value = 'light';
    expect(storage.data.get('chatspace:theme')).toBe('light');
    prefs.theme.value = 'system';
    expect(storage.data.has('chatspace:theme')).toBe(false);
  });
});
