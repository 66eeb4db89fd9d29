// Unit tests for worker/http/origin-check.ts: which Origin headers may open /ws. The page's own
// origin and the ALLOWED_ORIGINS list pass; a missing Origin (not a browser page) passes too.

import { describe, expect, it } from 'vitest';
import { originAllowed, parseAllowList } from '../../../../worker/http/origin-check';

const REQUEST = 'https://chat.example.com/ws?room=lobby';
const none = new Set<string>();

describe('parseAllowList', () => {
  it('is empty when the variable is unset or blank', () => {
    expect(parseAllowList(undefined).size).toBe(0);
    expect(parseAllowList('').size).toBe(0);
    expect(parseAllowList(' , ,, ').size).toBe(0);
  });

  it('trims spaces and trailing slashes from each entry', () => {
    expect([
      ...parseAllowList(' https://a.example/ ,https://b.example:8443//,  http://localhost:5173 '),
    ]).toEqual(['https://a.example', 'https://b.example:8443', 'http://localhost:5173']);
  });
});

describe('originAllowed', () => {
  it("allows the request's own origin", () => {
    expect(originAllowed('https://chat.example.com', REQUEST, none)).toBe(true);
  });

  it('allows the own origin of a local dev server with a port', () => {
    expect(originAllowed('http://127.0.0.1:8787', 'http://127.0.0.1:8787/ws', none)).toBe(true);
  });

  it('allows an origin on the allow-list, even when the list was written with slashes and spaces', () => {
    const list = parseAllowList('https://app.example.org/ , https://staging.example.org//');
    expect(originAllowed('https://app.example.org', REQUEST, list)).toBe(true);
    expect(originAllowed('https://staging.example.org', REQUEST, list)).toBe(true);
  });

  it('allows a request without an Origin header, which cannot come from a browser page', () => {
    expect(originAllowed(null, REQUEST, none)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['the same host over plain http', 'http://chat.example.com'],
    ['the same host on another port', 'https://chat.example.com:8443'],
    ['a subdomain', 'https://sub.chat.example.com'],
    ['a look-alike suffix', 'https://chat.example.com.evil.example'],
    ['the opaque origin "null" (sandboxed frames, file: pages)', 'null'],
    ['an empty Origin header', ''],
  ])('refuses %s', (_, origin) => {
    expect(originAllowed(origin, REQUEST, parseAllowList('https://app.example.org'))).toBe(false);
  });

  it('refuses an origin that only matches an allow-list entry by prefix', () => {
    const list = parseAllowList('https://app.example.org');
    expect(originAllowed('https://app.example.org.evil.example', REQUEST, list)).toBe(false);
    expect(originAllowed('https://app.example', REQUEST, list)).toBe(false);
  });
});
