// Unit tests for client/ui/markdown/link-href.ts: only http:, https: and mailto: targets become
// links; every other scheme, and anything that does not parse as a URL, stays text.

import { describe, expect, it } from 'vitest';
import { linkHref } from '../../../../../client/ui/markdown/link-href';

describe('linkHref', () => {
  it('links http and https URLs as they are', () => {
    expect(linkHref('https://example.com/notes', 'http')).toBe('https://example.com/notes');
    expect(linkHref('http://example.com', 'http')).toBe('http://example.com/');
  });

  it('links a www. address over http, and an e-mail address with mailto:', () => {
    expect(linkHref('www.example.com', 'www')).toBe('http://www.example.com/');
    expect(linkHref('alice@example.com', 'email')).toBe('mailto:alice@example.com');
    expect(linkHref('mailto:alice@example.com', 'email')).toBe('mailto:alice@example.com');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'xmpp:alice@example.com',
    'file:///etc/passwd',
  ])('keeps %s as text', (text) => {
    expect(linkHref(text, 'http')).toBeNull();
    expect(linkHref(text, 'email')).toBeNull();
    expect(linkHref(text, 'www')).toBeNull();
  });

  it('keeps text without a scheme as text unless GFM found it as www. or e-mail', () => {
    expect(linkHref('example.com', 'http')).toBeNull();
  });

  it('keeps a URL that does not parse as text', () => {
    expect(linkHref('http://exa mple.com', 'http')).toBeNull();
  });
});
