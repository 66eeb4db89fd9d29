// The gate in front of /api/admin/*: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant
// time. 401 with a WWW-Authenticate challenge without the token or with a wrong one; 404 for every
// admin path when no ADMIN_TOKEN is configured, as if the admin API did not exist.

import type { Context, MiddlewareHandler } from 'hono';

const encoder = new TextEncoder();

export const adminAuth: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN?.trim();
  if (!expected) return c.json({ error: 'not_found', message: 'No such API endpoint.' }, 404);
  const presented = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  if (presented === undefined) {
    return unauthorized(c, 'Bearer realm="chatspace-admin"', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
  }
  if (!(await tokensEqual(presented, expected))) {
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

async function sha256(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token)));
}

function unauthorized(c: Context, challenge: string, message: string): Response {
  c.header('WWW-Authenticate', challenge);
  return c.json({ error: 'unauthorized', message }, 401);
}
