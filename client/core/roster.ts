// The roster as the client keeps it: online names, sorted for display, updated by the room's
// ordered presence batches. Pure; used by ChatClient and unit-tested on its own.

import type { ServerMessageOf } from '#protocol/server-messages';
import { nameKey } from '#protocol/username';

// Same order as localeCompare, without building a collator on every comparison.
const collator = new Intl.Collator();

export function sortNames(names: readonly string[]): string[] {
  return [...names].sort(collator.compare);
}

/** Applies a presence batch to a roster: set semantics by nameKey, sorted, case-preserving. */
export function applyPresence(users: readonly string[], batch: ServerMessageOf<'presence'>): string[] {
  const byKey = new Map(users.map((u) => [nameKey(u), u]));
  for (const change of batch.changes) {
    if (change.change === 'join') byKey.set(nameKey(change.name), change.name);
    else if (change.change === 'leave') byKey.delete(nameKey(change.name));
  }
  return sortNames([...byKey.values()]);
}
