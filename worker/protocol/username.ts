// Username rules: 2–15 letters, digits or underscore, unique without regard to case.

import type { ErrorCode } from './errors';
import { USERNAME_MAX, USERNAME_MIN } from './limits';

const ALLOWED = /^[A-Za-z0-9_]+$/;

/** Returns why `name` is not a valid username, or null when it is. */
export function usernameProblem(name: string): ErrorCode | null {
  if (name.length < USERNAME_MIN) return 'name_too_short';
  if (name.length > USERNAME_MAX) return 'name_too_long';
  if (!ALLOWED.test(name)) return 'name_bad_chars';
  return null;
}

/** The key that makes "Alice" and "alice" the same name. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
