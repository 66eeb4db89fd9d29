// Unit tests for client/ui/markdown/parse-markdown.ts: the Markdown subset of messages, each
// character of the source kept in order (markers only hidden), everything else left as text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarkupLine } from '../../../../../client/ui/markdown/markup';
import { parseMarkdown } from '../../../../../client/ui/markdown/parse-markdown';

/** The source rebuilt from the lines: breaks and every run, hidden ones included. */
const source = (lines: readonly MarkupLine[]) =>
  lines.map((line) => line.brk + line.runs.map((run) => run.text).join('')).join('');
/** What is drawn: the runs that are not hidden, lines joined by \n. */
const shown = (lines: readonly MarkupLine[]) =>
  lines
    .filter((line) => !line.hidden)
    .map((line) =>
      line.runs
        .filter((run) => !run.hidden)
        .map((run) => run.text)
        .join(''),
    )
    .join('\n');
const runsOf = (text: string) =>
  parseMarkdown(text).flatMap((line) => line.runs.filter((run) => !run.hidden));

describe('parseMarkdown', () => {
  it('formats bold, italic, strikethrough and inline code, hiding their markers', () => {
    const lines = parseMarkdown('a **b** *c* ~~d~~ `e`');
    expect(shown(lines)).toBe('a b c d e');
    const style = Object.fromEntries(runsOf('a **b** *c* ~~d~~ `e`').map((r) => [r.text, r]));
    expect(style.b?.strong).toBe(true);
    expect(style.c?.em).toBe(true);
    expect(style.d?.del).toBe(true);
    expect(style.e?.code).toBe(true);
    expect(style['a ']?.strong).toBe(false);
  });

  it('keeps a single tilde, and asterisks that close nothing, as text', () => {
    expect(shown(parseMarkdown('~one~ and 2 * 3'))).toBe('~one~ and 2 * 3');
  });

  it('draws a fenced code block without its fences, its lines as code', () => {
    const lines = parseMarkdown('look:\n```js\nconst a = **1**;\n\nb\n```');
    expect(lines.map((l) => [l.hidden, l.codeBlock])).toEqual([
      [false, false],
      [true, false],
      [false, true],
      [false, true],
      [false, true],
      [true, false],
    ]);
    expect(shown(lines)).toBe('look:\nconst a = **1**;\n\nb');
  });

  it('draws a line starting with > as a quote, without the marker', () => {
    const lines = parseMarkdown('> quoted *words*\nreply');
    expect(lines.map((l) => l.quote)).toEqual([true, false]);
    expect(shown(lines)).toBe('quoted words\nreply');
  });

  it('links URLs, www. addresses and e-mail addresses; nothing else', () => {
    const links = runsOf('see https://example.com/notes, www.example.org or bob@example.com').filter(
      (r) => r.href !== null,
    );
    expect(links.map((r) => [r.text, r.href])).toEqual([
      ['https://example.com/notes', 'https://example.com/notes'],
      ['www.example.org', 'http://www.example.org/'],
      ['bob@example.com', 'mailto:bob@example.com'],
    ]);
    expect(
      runsOf('javascript:alert(1) <javascript:alert(2)> [x](javascript:alert(3))').some((r) => r.href),
    ).toBe(false);
  });

  it('leaves headings, lists, tables, images, links, HTML and entities as typed', () => {
    for (const text of [
      '# Heading',
      '- item\n- item',
      '1. first',
      '| a | b |\n|---|---|',
      '![alt](https://example.com/x.png)',
      '[click](https://example.com)',
      '<img src=x onerror=alert(1)>',
      '&lt;b&gt;not bold&lt;/b&gt; &amp;',
      '    indented',
      '---',
    ]) {
      expect(shown(parseMarkdown(text)), text).toBe(text);
    }
  });

  it('hides a backslash that escapes a marker', () => {
    expect(shown(parseMarkdown('\\*not italic\\*'))).toBe('*not italic*');
  });

  it('shows a message of markers only as typed rather than as nothing', () => {
    expect(shown(parseMarkdown('```'))).toBe('```');
  });

  it('keeps every character of any message, in order', () => {
    const markdownish = fc
      .array(
        fc.constantFrom(
          '**',
          '*',
          '_',
          '~~',
          '`',
          '```',
          '> ',
          '\n',
          '\r\n',
          '\\',
          'https://a.b/c',
          'x',
          ' ',
          'é',
          '😀',
          '\t',
          '<',
          '&amp;',
          '\u202E',
          '\u2029',
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), markdownish), (text) => {
        expect(source(parseMarkdown(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
