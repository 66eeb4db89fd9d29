// What the person had typed but not sent, per conversation: kept while they switch tabs and across
// a reload of the tab (sessionStorage, like the resume token: it goes when the tab closes). A new
// session (another name) starts with none.

import type { SimpleStorage } from './safe-storage';

const KEY = 'chatspace.drafts';

export interface Drafts {
  /** The unsent text of conversation `id` ('' for none). */
  get(id: string): string;
  /** Keeps `text` for conversation `id`; '' forgets it. */
  set(id: string, text: string): void;
  clear(): void;
}

export function createDrafts(storage: SimpleStorage): Drafts {
  const drafts = new Map<string, string>(load(storage));
  const save = () => {
    if (drafts.size === 0) storage.removeItem(KEY);
    else storage.setItem(KEY, JSON.stringify([...drafts]));
  };
  return {
    get: (id) => drafts.get(id) ?? '',
    set(id, text) {
      if ((drafts.get(id) ?? '') === text) return;
      if (text === '') drafts.delete(id);
      else drafts.set(id, text);
      save();
    },
    clear() {
      drafts.clear();
      save();
    },
  };
}

function load(storage: SimpleStorage): [string, string][] {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value.filter(
      (entry): entry is [string, string] =>
        Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string',
    );
  } catch {
    return [];
  }
}
