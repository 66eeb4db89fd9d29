// Property test of client/ui/markdown/markup-view.tsx over parse-markdown.ts: whatever a message
// says, the rendered HTML has no <script>, no event-handler attribute and no javascript:, data: or
// vbscript: link, uses only the formatting elements, and its text is the message exactly.

import fc from 'fast-check';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { markMentions, markRanges, plainMarkup } from '../../../../../client/ui/markdown/markup';
import { MarkupView } from '../../../../../client/ui/markdown/markup-view';
import { parseMarkdown } from '../../../../../client/ui/markdown/parse-markdown';

/** As a message row draws it: formatted, with its `@name`s marked. */
const render = (text: string) =>
  renderToString(h(MarkupView, { lines: markMentions(parseMarkdown(text), text) }));

const ALLOWED = new Set(['span', 'bdi', 'br', 'strong', 'em', 'del', 'code', 'mark', 'a']);

/** The text content of rendered HTML: tags dropped, the five escapes undone. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<javascript:alert(1)>',
  '[x](javascript:alert(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  'data:text/html,<script>',
  'vbscript:msgbox(1)',
  'https://a.b/"onmouseover="alert(1)',
  'www.x.com/<script>',
  'a@b.co"onclick="x',
  '&#106;avascript:alert(1)',
  '&lt;script&gt;',
);
const markdownish = fc
  .array(
    fc.oneof(
      hostile,
      fc.constantFrom(
        '**',
        '*',
        '_',
        '~~',
        '`',
        '```',
        '> ',
        '\n',
        '\\',
        ' ',
        'x',
        '"',
        "'",
        '=',
        'on',
        ':',
        '<',
        '>',
        '@bob',
        '@',
      ),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  markdownish,
);

describe('MarkupView over parseMarkdown', () => {
  it('never renders a script, an event handler or a script link, whatever the message', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = render(text);
        for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) expect(ALLOWED, html).toContain(tag);
        expect(html).not.toMatch(/<script/i);
        // Attributes are only class, href, target and rel.
        for (const [, attribute] of html.matchAll(/\s([^\s="<>]+)="/g)) {
          expect(['class', 'href', 'target', 'rel'], html).toContain(attribute);
        }
        for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
          expect(href, html).toMatch(/^(https?:\/\/|mailto:)/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('renders exactly the message as its text, markers included', () => {
    const noBidi = anyText.filter((text) => !/[\u202A-\u202E\u2066-\u2069]/.test(text));
    fc.assert(
      fc.property(noBidi, (text) => {
        expect(textOf(render(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('renders **bold** as <strong> with its markers hidden', () => {
    expect(render('**bold**')).toBe(
      '<span class="row-text"><bdi class="row-line"><span class="md-marker">**</span><strong>bold</strong><span class="md-marker">**</span></bdi></span>',
    );
  });

  it('opens links in a new tab without giving the page a handle on this one', () => {
    expect(render('https://example.com')).toContain(
      '<a class="md-link" href="https://example.com/" target="_blank" rel="noopener noreferrer">https://example.com</a>',
    );
  });

  it('marks continuation lines, code lines and quote lines', () => {
    const html = render('first\n> quoted\n```\ncode\n```');
    expect(html).toContain('<bdi class="row-line row-line--more md-quote">');
    expect(html).toContain('<bdi class="row-line row-line--more md-pre">code</bdi>');
    expect(html.match(/<br\/?>/g)).toHaveLength(2);
  });

  it('marks search matches inside formatted text', () => {
    const lines = markRanges(parseMarkdown('the **release notes**'), [[6, 13]]);
    expect(renderToString(h(MarkupView, { lines }))).toContain('<strong><mark>release</mark></strong>');
  });

  it('draws an @mention as a styled span, inside formatting too, but not inside code', () => {
    expect(render('hi @bob')).toContain('hi <span class="mention">@bob</span>');
    expect(render('**@Bob!**')).toContain('<strong><span class="mention">@Bob</span></strong>');
    expect(render('`@bob`')).not.toContain('class="mention"');
    expect(render('mail bob@example.com')).not.toContain('class="mention"');
  });

  it('draws plain lines the same way before the parser has loaded', () => {
    expect(renderToString(h(MarkupView, { lines: plainMarkup('a\nb') }))).toBe(
      '<span class="row-text"><bdi class="row-line">a</bdi><span class="row-break">\n</span><br/><bdi class="row-line row-line--more">b</bdi></span>',
    );
  });

  it('balances bidi controls across the runs of a line', () => {
    expect(textOf(render('**\u202Eevil**\u2069 x'))).toBe('**\u202Eevil** x\u202C');
  });
});
