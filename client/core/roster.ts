// The roster as the client keeps it: online names, sorted for display, updated by the room's
// ordered presence batches. Pure; used by ChatClient and unit-tested on its own.

import type { ServerMessageOf } from '#protocol/server-messages';

// Same order as localeCompare, without building a collator on every comparison.
const collator = new Intl.Collator();

export function sortNames(names: readonly string[]): string[] {
  return [...names].sort(collator.compare);
}

/** Applies a presence batch to a roster: set semantics, sorted, case-preserving. */
export function applyPresence(users: readonly string[], batch: ServerMessageOf<'presence'>): string[] {
  const byKey = new Map(users.map((u) => [u.toLowerCase(), u]));
  for (const change of batch.changes) {
    if (change.change === 'join') byKey.set(change.name.toLowerCase(), change.name);
    else byKey.delete(change.name.toLowerCase());
  }
  return sortNames([...byKey.values()]);
}
