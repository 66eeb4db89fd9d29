// Failed admin logins per IP in the worker isolate: the limit, the window and the bound on memory.

import { describe, expect, it } from 'vitest';
import {
  FAILURE_WINDOW_MS,
  FailedAttempts,
  MAX_FAILURES,
  MAX_TRACKED_IPS,
} from '../../../../worker/http/failed-attempts';

describe('failed admin attempts', () => {
  it(`lets an IP try until ${MAX_FAILURES} failures, then holds it back until its window ends`, () => {
    const attempts = new FailedAttempts();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(attempts.retryAfterS('ip', 1_000)).toBe(0);
      attempts.fail('ip', 1_000);
    }
    expect(attempts.retryAfterS('ip', 1_000)).toBe(FAILURE_WINDOW_MS / 1000);
    expect(attempts.retryAfterS('other', 1_000)).toBe(0);
    expect(attempts.retryAfterS('ip', 1_000 + FAILURE_WINDOW_MS)).toBe(0);
  });

  it('reports a refused IP once a window', () => {
    const attempts = new FailedAttempts();
    for (let i = 0; i < MAX_FAILURES; i++) attempts.fail('ip', 0);
    expect(attempts.firstRefusal('ip', 10)).toBe(true);
    expect(attempts.firstRefusal('ip', 20)).toBe(false);
  });

  it(`remembers at most ${MAX_TRACKED_IPS} addresses, forgetting the oldest first`, () => {
    const attempts = new FailedAttempts();
    for (let i = 0; i < MAX_TRACKED_IPS + 50; i++) attempts.fail(`ip${i}`, i);
    expect(attempts.size).toBe(MAX_TRACKED_IPS);
    for (let i = 0; i < MAX_FAILURES; i++) attempts.fail('newest', 2_000);
    expect(attempts.retryAfterS('newest', 2_000)).toBeGreaterThan(0);
  });
});
