// Username rules: 2–15 letters, digits or underscore, unique without regard to case or to
// look-alike characters (nameKey). Tested in test/unit/worker/protocol/username.test.ts and
// test/worker/usernames.test.ts.

import type { ErrorCode } from './errors';
import { USERNAME_MAX, USERNAME_MIN } from './limits';

const ALLOWED = /^[A-Za-z0-9_]+$/;
/** Names the UI already uses for something else (the "Lobby" tab, system lines). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'lobby',
  'system',
  'global',
  'private',
  'admin',
  'server',
  'room',
  // `@everyone` mentions every member (mentions.ts): nobody may be called that.
  'everyone',
]);

/**
 * Look-alikes within the username alphabet, after lower-casing. Unicode's confusables data
 * (UTS #39, confusables.txt) maps four characters of [A-Za-z0-9_] to others of it: 0 → O,
 * 1 → l, I → l and m → rn. A key must be an equivalence that also ignores case, so each of these
 * is closed under case: O/o/0 fold to "o"; l/L/1/I and so i (I's lower case) fold to "l"; M/m
 * fold to "rn". The cost is that "alice" and "allce" share a key: a look-alike name is refused
 * a little too often, never let through. Every target is a fixed point, so the key is idempotent.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', i: 'l', m: 'rn' };
const FOLDED = /[01im]/g;

const RESERVED_KEYS: ReadonlySet<string> = new Set([...RESERVED_NAMES].map(nameKey));

/** Returns why `name` is not a valid username, or null when it is. */
export function usernameProblem(name: string): ErrorCode | null {
  if (name.length < USERNAME_MIN) return 'name_too_short';
  if (name.length > USERNAME_MAX) return 'name_too_long';
  if (!ALLOWED.test(name)) return 'name_bad_chars';
  if (RESERVED_KEYS.has(nameKey(name))) return 'name_reserved';
  return null;
}

/**
 * The key that makes "Alice", "alice", "ALICE", "aIice" and "a1ice" the same name: the one the
 * roster, name reservations, private routing and receipts look names up by. Display keeps the
 * name as its owner typed it; only comparisons use the key.
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(FOLDED, (c) => LOOK_ALIKES[c] ?? c);
}
