// The static client as a browser gets it: security headers on the page and its assets, a
// strict CSP, and a page that loads without console errors or CSP violations.

import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { baseUrl } from './support/provided';

const room = useBrowserRoom();

function cspDirectives(header: string | null): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values.join(' '));
  }
  return directives;
}

describe('the app shell', () => {
  it('serves the page with a strict Content-Security-Policy and the other security headers', async () => {
    const response = await fetch(`${baseUrl()}/`);
    expect(response.status).toBe(200);
    const csp = cspDirectives(response.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    for (const [, sources] of csp) expect(sources).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBeTruthy();
  });

  it('loads the page titled "ChatSpace" and its scripts without console errors or CSP violations', async () => {
    const page = await room.open('visitor');
    await expect.poll(() => page.page.title()).toBe('ChatSpace');
    const scripts = await page.page
      .locator('script[src]')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).src));
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const asset = await fetch(src);
      expect(asset.status, src).toBe(200);
      expect(asset.headers.get('x-content-type-options'), src).toBe('nosniff');
      expect(asset.headers.get('content-security-policy'), src).toBeTruthy();
    }
    expect(await page.page.locator('script:not([src])').count(), 'inline scripts').toBe(0);
  });

  it('shows one connection status that turns "Connected" on the login screen', async () => {
    const page = await room.open('visitor');
    await expect.poll(() => page.page.getByRole('status').count()).toBe(1);
    await expect.poll(() => page.status.textContent(), { timeout: 20_000 }).toBe('Connected');
    await page.usernameField.waitFor();
    await page.joinButton.waitFor();
  });

  it('answers GET /api/health with JSON', async () => {
    const response = await fetch(`${baseUrl()}/api/health`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ ok: true, service: 'chatspace' });
  });
});
