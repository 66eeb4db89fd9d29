// The admin API's own defences: an ADMIN_TOKEN under 32 characters switches it off (404 and a
// warning in the logs), and wrong tokens are audited and, after MAX_FAILURES a minute from one
// CF-Connecting-IP, answered 429 with Retry-After whatever token comes next.

import { env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_ADMIN_TOKEN_LENGTH } from '../../worker/crypto/admin-token';
import { app } from '../../worker/http/app';
import { MAX_FAILURES } from '../../worker/http/failed-attempts';
import { adminToken, auditMark, eventsAfter } from './support/audit';
import { ORIGIN } from './support/room-client';

afterEach(() => {
  vi.restoreAllMocks();
});

function adminGetFrom(ip: string, token: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/admin/events`, {
    headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': ip },
  });
}

describe('a short ADMIN_TOKEN', () => {
  it('switches the admin API off: 404 even for that very token, and a warning without the token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const short = 'x'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1);
    const bindings = { ...env, ADMIN_TOKEN: short } as Env;
    const res = await app.fetch(
      new Request(`${ORIGIN}/api/admin/events`, { headers: { Authorization: `Bearer ${short}` } }),
      bindings,
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
    const logged = warn.mock.calls.map((args) => args.join(' ')).join('\n');
    expect(logged).toContain('admin_token_too_short');
    expect(logged).not.toContain(short);
  });

  it('is not what the tests run with: theirs is long enough', () => {
    expect(adminToken().length).toBeGreaterThanOrEqual(MIN_ADMIN_TOKEN_LENGTH);
  });
});

describe('failed admin attempts', () => {
  it(`are audited, and after ${MAX_FAILURES} an IP gets 429 with Retry-After, even with the right token`, async () => {
    const mark = await auditMark();
    const ip = '203.0.113.99';
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await adminGetFrom(ip, `wrong-token-${i}`)).status).toBe(401);
    }
    const limited = await adminGetFrom(ip, adminToken());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'too_many_attempts' });
    // Another address is not held back.
    expect((await adminGetFrom('203.0.113.100', adminToken())).status).toBe(200);

    const failures = await eventsAfter(mark, ['admin_auth_failed']);
    expect(failures.filter((e) => e.code === 'bad_token')).toHaveLength(MAX_FAILURES);
    expect(failures.filter((e) => e.code === 'too_many_attempts')).toHaveLength(1);
    // Never the token, nor the address.
    expect(JSON.stringify(failures)).not.toContain('wrong-token');
    expect(JSON.stringify(failures)).not.toContain(ip);
  });
});
