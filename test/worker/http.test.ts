// The worker's HTTP surface: the /ws upgrade gate (426, origin check), the JSON API and the
// security headers on static assets.

import { env, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/http/app';
import { must } from '../support/must';
import { closeAll, ORIGIN, track } from './support/room-client';

afterEach(closeAll);

function upgrade(origin?: string, url = `${ORIGIN}/ws`): Request {
  const headers: Record<string, string> = { Upgrade: 'websocket' };
  if (origin !== undefined) headers.Origin = origin;
  return new Request(url, { headers });
}

/** Accepts and tracks the socket of a 101 response, so that it gets closed after the test. */
function keep(res: Response): Response {
  if (res.webSocket) {
    res.webSocket.accept();
    track(res.webSocket);
  }
  return res;
}

/** The worker's own app, with ALLOWED_ORIGINS set as a deployment would set it in wrangler.toml. */
function fetchWithAllowList(request: Request, allowedOrigins: string): Promise<Response> {
  const bindings = { CHAT_ROOM: env.CHAT_ROOM, ASSETS: env.ASSETS, ALLOWED_ORIGINS: allowedOrigins };
  return Promise.resolve(app.fetch(request, bindings as unknown as Env));
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [must(name), values]),
  );
}

describe('GET /ws', () => {
  it('answers a plain request, without an upgrade, with 426 and a JSON reason', async () => {
    const res = await SELF.fetch(`${ORIGIN}/ws`, { headers: { Origin: ORIGIN } });
    expect(res.status).toBe(426);
    expect(await res.json()).toMatchObject({ error: 'upgrade_required' });
  });

  it('refuses an upgrade from a foreign origin with 403', async () => {
    const res = keep(await SELF.fetch(upgrade('https://evil.example')));
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
    expect(await res.json()).toMatchObject({ error: 'forbidden_origin' });
  });

  it('refuses an origin that differs in scheme, port or subdomain, and the opaque origin null', async () => {
    for (const origin of ['https://chat.test', 'http://chat.test:8080', 'http://sub.chat.test', 'null']) {
      const res = keep(await SELF.fetch(upgrade(origin)));
      expect(res.status, origin).toBe(403);
    }
  });

  it("accepts an upgrade from the request's own origin with 101 and a socket", async () => {
    const res = keep(await SELF.fetch(upgrade(ORIGIN)));
    expect(res.status).toBe(101);
    expect(res.webSocket).not.toBeNull();
  });

  it('accepts an upgrade without an Origin header, which no browser page can send', async () => {
    const res = keep(await SELF.fetch(upgrade(undefined)));
    expect(res.status).toBe(101);
  });

  it('accepts an origin from ALLOWED_ORIGINS, tolerating spaces and a trailing slash', async () => {
    const list = ' https://app.example/ , https://other.example';
    for (const origin of ['https://app.example', 'https://other.example']) {
      const res = keep(await fetchWithAllowList(upgrade(origin), list));
      expect(res.status, origin).toBe(101);
    }
  });

  it('still refuses an origin that is not on ALLOWED_ORIGINS', async () => {
    const res = keep(await fetchWithAllowList(upgrade('https://evil.example'), 'https://app.example'));
    expect(res.status).toBe(403);
  });
});

describe('the JSON API', () => {
  it('GET /api/health answers with JSON', async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    const body = await res.json<{ ok: boolean; time: string }>();
    expect(body.ok).toBe(true);
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
  });

  it('answers an unknown /api path with a JSON 404', async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/no-such-thing`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('static assets', () => {
  it('serve the client page with a strict Content-Security-Policy', async () => {
    const res = await SELF.fetch(`${ORIGIN}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const csp = directives(res.headers.get('Content-Security-Policy') ?? '');
    const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'none'"]);
  });

  it('send Strict-Transport-Security on HTTPS responses and not over plain HTTP', async () => {
    const secure = await SELF.fetch('https://chat.test/');
    expect(secure.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d{8,}/);
    const plain = await SELF.fetch(`${ORIGIN}/`);
    expect(plain.headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('serve the client page with nosniff and a referrer policy', async () => {
    const res = await SELF.fetch(`${ORIGIN}/`);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  });

  it('serve a page with no inline script, which the policy would block', async () => {
    const html = await (await SELF.fetch(`${ORIGIN}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(must(body).trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('put the same headers on a deep link the single-page app answers', async () => {
    const res = await SELF.fetch(`${ORIGIN}/some/deep/link`);
    expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});

describe('error responses', () => {
  it('never contain a stack trace', async () => {
    const requests: Request[] = [
      new Request(`${ORIGIN}/ws`),
      upgrade('https://evil.example'),
      new Request(`${ORIGIN}/api/health`, { method: 'DELETE' }),
      new Request(`${ORIGIN}/api/%E0%A4%A`),
      new Request(`${ORIGIN}/api/x`, { method: 'POST', body: 'x'.repeat(100_000) }),
      new Request(`${ORIGIN}/ws`, { headers: { Upgrade: 'h2c', Origin: ORIGIN } }),
      new Request(`${ORIGIN}/%00`),
    ];
    for (const request of requests) {
      const res = keep(await SELF.fetch(request));
      const body = await res.text();
      expect(body, `${request.method} ${request.url}`).not.toMatch(/\bat .+\(.*:\d+:\d+\)|\.ts:\d+|Error:/);
    }
  });
});
