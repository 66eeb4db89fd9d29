// The /admin page is its own document (client/admin.html, a second Vite entry), served at /admin
// with the same security headers, while every other unknown path still gets the chat page.

import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { ORIGIN } from './support/room-client';

async function page(path: string): Promise<{ status: number; html: string; csp: string | null }> {
  const res = await SELF.fetch(`${ORIGIN}${path}`);
  return { status: res.status, html: await res.text(), csp: res.headers.get('Content-Security-Policy') };
}

describe('the /admin page', () => {
  it('is served at /admin, and it is not the chat page', async () => {
    const admin = await page('/admin');
    expect(admin.status).toBe(200);
    expect(admin.html).toContain('<title>ChatSpace admin</title>');
    expect(admin.html).toContain('id="admin"');
    const chat = await page('/');
    expect(chat.html).not.toContain('admin');
  });

  it('has the same strict Content-Security-Policy and no inline script', async () => {
    const admin = await page('/admin');
    const chat = await page('/');
    expect(admin.csp).toBe(chat.csp);
    const scripts = [...admin.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(must(body).trim()).toBe('');
    }
  });

  it("loads none of its code on the chat page: the chat page's scripts are not the admin page's entry", async () => {
    const entry = (html: string) => /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
    const adminEntry = entry((await page('/admin')).html);
    const chat = (await page('/')).html;
    expect(adminEntry).toBeDefined();
    expect(chat).not.toContain(must(adminEntry));
  });

  it('leaves other unknown paths to the chat page', async () => {
    expect((await page('/somewhere/else')).html).toContain('<title>ChatSpace</title>');
  });
});
