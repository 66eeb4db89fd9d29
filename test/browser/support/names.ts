// Distinct usernames for browser tests. Names stay reserved for a while after their owner
// leaves, so every test takes fresh ones: "alice" becomes e.g. "alice_k3x9" (letters, digits
// and underscore, at most 15 characters, like the room requires). Distinct by nameKey, so that
// two names never collide as look-alikes ("alice_1abc" and "alice_labc").

import { nameKey } from '#protocol/username';

const used = new Set<string>();

export function uniqueName(base: string): string {
  if (base.length > 10) throw new Error(`base name too long: ${base}`);
  for (;;) {
    const suffix = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
    const name = `${base}_${suffix}`;
    if (!used.has(nameKey(name))) {
      used.add(nameKey(name));
      return name;
    }
  }
}
