// Username rules: 2–15 letters, digits or underscore, unique without regard to case.

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
]);

/** Returns why `name` is not a valid username, or null when it is. */
export function usernameProblem(name: string): ErrorCode | null {
  if (name.length < USERNAME_MIN) return 'name_too_short';
  if (name.length > USERNAME_MAX) return 'name_too_long';
  if (!ALLOWED.test(name)) return 'name_bad_chars';
  if (RESERVED_NAMES.has(nameKey(name))) return 'name_reserved';
  return null;
}

/** The key that makes "Alice" and "alice" the same name. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
