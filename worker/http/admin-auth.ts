// The gate in front of /api/admin/*: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant
// time. 401 with a WWW-Authenticate challenge without the token or with a wrong one; a wrong one is
// audited in the room and counted per IP, and after a few the IP gets 429 with Retry-After
// (failed-attempts.ts). 404 for every admin path when no ADMIN_TOKEN is configured, or one shorter
// than MIN_ADMIN_TOKEN_LENGTH (then with a warning in the logs), as if the admin API did not exist.

import type { Context, MiddlewareHandler } from 'hono';
import { errorName } from '../room/log';
import { ROOM_NAME } from './chat-socket-route';
import { FailedAttempts } from './failed-attempts';

const encoder = new TextEncoder();

/** A shorter ADMIN_TOKEN switches the admin API off: it could be guessed. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Per isolate: see failed-attempts.ts for why that is enough. */
const failures = new FailedAttempts();
let warnedShortToken = false;

/** The configured token, or null when the admin API is off (none, or too short). */
export function usableAdminToken(configured: string | undefined): string | null {
  const token = configured?.trim();
  if (!token) return null;
  if (token.length >= MIN_ADMIN_TOKEN_LENGTH) return token;
  if (!warnedShortToken) {
    warnedShortToken = true;
    // The length only, never the token.
    console.warn(
      JSON.stringify({
        event: 'admin_token_too_short',
        minimum: MIN_ADMIN_TOKEN_LENGTH,
        message: `ADMIN_TOKEN is shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters: the admin API is off.`,
      }),
    );
  }
  return null;
}

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

/**
 * Hashing first makes both sides 32 bytes, so neither an early length check nor where the first
 * difference lies can show in the time taken; the loop then looks at every byte whatever it finds.
 */
export async function tokensEqual(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(presented), sha256(expected)]);
  let difference = 0;
  // Both are 32 bytes: the `?? 0` never applies.
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Records the failure in the room's audit log (never the token); a failed write does not change the answer. */
async function auditFailure(env: Env, code: 'bad_token' | 'too_many_attempts'): Promise<void> {
  try {
    await env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(ROOM_NAME)).adminAuthFailed(code);
  } catch (error) {
    console.log(JSON.stringify({ event: 'audit_write_failed', error: errorName(error) }));
  }
}

async function sha256(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token)));
}

function unauthorized(c: Context, challenge: string, message: string): Response {
  c.header('WWW-Authenticate', challenge);
  return c.json({ error: 'unauthorized', message }, 401);
}
