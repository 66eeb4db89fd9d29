// The gate in front of /api/admin/*: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant
// time. 401 with a WWW-Authenticate challenge without the token or with a wrong one; a wrong one is
// audited in the room and counted per IP, and after a few the IP gets 429 with Retry-After
// (failed-attempts.ts). 404 for every admin path when no ADMIN_TOKEN is configured, or one shorter
// than MIN_ADMIN_TOKEN_LENGTH (then with a warning in the logs), as if the admin API did not exist.

import type { Context, MiddlewareHandler } from 'hono';
import { tokensEqual, usableAdminToken } from '../crypto/admin-token';
import { errorName } from '../room/log';
import { ROOM_NAME } from './chat-socket-route';
import { FailedAttempts } from './failed-attempts';

/** Per isolate: see failed-attempts.ts for why that is enough. */
const failures = new FailedAttempts();

export const adminAuth: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const expected = usableAdminToken(c.env.ADMIN_TOKEN);
  if (!expected) return c.json({ error: 'not_found', message: 'No such API endpoint.' }, 404);
  // Absent only without Cloudflare's edge in front (local dev, tests): then no per-IP limit.
  const ip = c.req.header('CF-Connecting-IP')?.trim() || null;
  const now = Date.now();
  const retryAfter = ip === null ? 0 : failures.retryAfterS(ip, now);
  if (ip !== null && retryAfter > 0) {
    // Refused before the token is even looked at, so that guessing stops here. Audited once a window.
    if (failures.firstRefusal(ip, now)) await auditFailure(c.env, 'too_many_attempts');
    c.header('Retry-After', String(retryAfter));
    return c.json({ error: 'too_many_attempts', message: 'Too many wrong tokens. Try again later.' }, 429);
  }
  const presented = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (presented === undefined) {
    return unauthorized(c, 'Bearer realm="chatspace-admin"', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
  }
  if (!(await tokensEqual(presented, expected))) {
    if (ip !== null) failures.fail(ip, now);
    await auditFailure(c.env, 'bad_token');
    return unauthorized(
      c,
      'Bearer realm="chatspace-admin", error="invalid_token"',
      'That token is not valid.',
    );
  }
  await next();
  // Audit data is for this operator only: no cache anywhere may keep it.
  c.header('Cache-Control', 'no-store');
};

/** Records the failure in the room's audit log (never the token); a failed write does not change the answer. */
async function auditFailure(env: Env, code: 'bad_token' | 'too_many_attempts'): Promise<void> {
  try {
    await env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(ROOM_NAME)).adminAuthFailed(code);
  } catch (error) {
    console.log(JSON.stringify({ event: 'audit_write_failed', error: errorName(error) }));
  }
}

function unauthorized(c: Context, challenge: string, message: string): Response {
  c.header('WWW-Authenticate', challenge);
  return c.json({ error: 'unauthorized', message }, 401);
}
