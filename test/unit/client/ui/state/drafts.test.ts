// Unit tests for client/ui/state/drafts.ts: unsent text per conversation, kept in the tab's
// storage so a reload finds it, forgotten when emptied or when a new session starts.

import { describe, expect, it } from 'vitest';
import { createDrafts } from '../../../../../client/ui/state/drafts';
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

describe('drafts', () => {
  it("keeps each conversation's unsent text apart, and a reload (a new store) finds it", () => {
    const storage = memoryStorage();
    const drafts = createDrafts(storage);
    drafts.set('lobby', 'half a thought');
    drafts.set('pm:bob', 'for bob only');
    expect(drafts.get('lobby')).toBe('half a thought');

    const reloaded = createDrafts(storage);
    expect(reloaded.get('lobby')).toBe('half a thought');
    expect(reloaded.get('pm:bob')).toBe('for bob only');
    expect(reloaded.get('pm:carol')).toBe('');
  });

  it('forgets a draft once it is emptied (sent), and all of them for a new session', () => {
    const storage = memoryStorage();
    const drafts = createDrafts(storage);
    drafts.set('lobby', 'soon sent');
    drafts.set('lobby', '');
    expect(createDrafts(storage).get('lobby')).toBe('');
    expect(storage.map.size).toBe(0);

    drafts.set('pm:bob', 'x');
    drafts.clear();
    expect(createDrafts(storage).get('pm:bob')).toBe('');
  });

  it('starts empty when what was stored is not a list of drafts', () => {
    for (const stored of ['not json', '{"a":1}', '[[1,2]]']) {
      const storage = memoryStorage();
      storage.setItem('chatspace.drafts', stored);
      expect(createDrafts(storage).get('lobby')).toBe('');
    }
  });
});
