// Security headers for every response, static assets included: a strict CSP with no inline
// script and `connect-src 'self'`, nosniff, a referrer policy and no framing; HSTS on HTTPS.
// Tested in test/worker/http.test.ts.

import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // The client starts no worker (the emoji picker included): none may be started.
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * HSTS, sent only on HTTPS responses (browsers ignore it over plain HTTP, and local development
 * runs on http://). One year; no includeSubDomains or preload: the room may be deployed on a
 * domain whose other subdomains it does not own.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A 101 upgrade response cannot be rebuilt; it carries no document anyway.
  if (c.res.status === 101) return;
  const res = new Response(c.res.body, c.res);
  for (const [name, value] of Object.entries(HEADERS)) res.headers.set(name, value);
  if (new URL(c.req.url).protocol === 'https:')
    res.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  c.res = res;
};
