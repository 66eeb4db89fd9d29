// The Markdown subset of messages, parsed with micromark (loaded lazily: load-markdown.ts).
// Why micromark rather than markdown-it: its events carry the exact source offset of every token,
// so each character of the message keeps its place and the row's text content stays the message
// as sent (markers are hidden runs, markup.ts); it is CommonMark-exact and produces no HTML here.
// Kept: **bold**, *italic*, ~~strike~~ (GFM, double tilde only), `code`, fenced code blocks,
// `> quote` lines, backslash escapes, and http(s)/www/e-mail autolinks (GFM). Every line break is
// a break. Disabled, so they stay text: raw HTML, entities (`&lt;` shows as typed), headings,
// lists, thematic breaks, indented code, images, [text](url) links and definitions (a link's text
// could pass for another URL), <…> autolinks, and hard-break markers.
// Tested in test/unit/client/ui/markdown/parse-markdown.test.ts (and a property test of the view).

import { parse, postprocess, preprocess } from 'micromark';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import type { Extension } from 'micromark-util-types';
import { messageLines } from '../format/log-line';
import { type AutolinkKind, linkHref } from './link-href';
import { type MarkupLine, type MarkupRun, plainMarkup, plainRun } from './markup';

const DISABLED: Extension = {
  disable: {
    null: [
      'autolink',
      'characterReference',
      'codeIndented',
      'definition',
      'hardBreakEscape',
      'headingAtx',
      'htmlFlow',
      'htmlText',
      'labelEnd',
      'labelStartImage',
      'labelStartLink',
      'list',
      'setextUnderline',
      'thematicBreak',
    ],
  },
};

const OPTIONS = { extensions: [gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), DISABLED] };

const HIDDEN = 1;
const STRONG = 2;
const EM = 4;
const DEL = 8;
const CODE = 16;
const CODE_BLOCK = 32;
const QUOTE = 64;

/** What a token type adds to each character it covers. */
const FLAGS: Readonly<Record<string, number>> = {
  strong: STRONG,
  strongSequence: HIDDEN,
  emphasis: EM,
  emphasisSequence: HIDDEN,
  strikethrough: DEL,
  strikethroughSequence: HIDDEN,
  codeText: CODE,
  codeTextSequence: HIDDEN,
  codeFenced: CODE_BLOCK,
  codeFencedFence: HIDDEN,
  blockQuotePrefix: HIDDEN | QUOTE,
  escapeMarker: HIDDEN,
};

const AUTOLINKS: Readonly<Record<string, AutolinkKind>> = {
  literalAutolinkHttp: 'http',
  literalAutolinkWww: 'www',
  literalAutolinkEmail: 'email',
};

export function parseMarkdown(text: string): MarkupLine[] {
  const n = text.length;
  const flags = new Uint8Array(n + 1);
  const links = new Int32Array(n + 1).fill(-1);
  const hrefs: string[] = [];
  const events = postprocess(
    parse(OPTIONS)
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  for (const [kind, token] of events) {
    if (kind !== 'enter') continue;
    const start = Math.max(0, Math.min(n, token.start.offset));
    const end = Math.max(start, Math.min(n, token.end.offset));
    const flag = FLAGS[token.type];
    if (flag !== undefined) for (let i = start; i < end; i++) flags[i] = (flags[i] ?? 0) | flag;
    const autolink = AUTOLINKS[token.type];
    const href = autolink === undefined ? null : linkHref(text.slice(start, end), autolink);
    if (href !== null) {
      links.fill(hrefs.length, start, end);
      hrefs.push(href);
    }
  }

  let visible = false;
  let at = 0;
  const lines = messageLines(text).map((line): MarkupLine => {
    at += line.brk.length;
    const start = at;
    const end = start + line.text.length;
    at = end;
    const runs: MarkupRun[] = [];
    let quote = false;
    let shown = false;
    let codeBlock = false;
    let runStart = start;
    for (let i = start; i <= end; i++) {
      const f = flags[i] ?? 0;
      if (i < end) {
        if (f & QUOTE) quote = true;
        if (!(f & HIDDEN)) {
          shown = true;
          if (f & CODE_BLOCK) codeBlock = true;
        }
      }
      const previous = i > runStart ? (flags[i - 1] ?? 0) : f;
      const same = i < end && f === previous && links[i] === links[i - 1];
      if (i === runStart || same) continue;
      const p = previous;
      const link = links[runStart] ?? -1;
      runs.push({
        ...plainRun(text.slice(runStart, i), runStart),
        hidden: (p & HIDDEN) !== 0,
        strong: (p & STRONG) !== 0,
        em: (p & EM) !== 0,
        del: (p & DEL) !== 0,
        code: (p & CODE) !== 0,
        href: link < 0 ? null : (hrefs[link] ?? null),
      });
      runStart = i;
    }
    // An empty line inside a code block is part of it: the characters around it say so.
    if (start === end && start > 0)
      codeBlock = ((flags[start - 1] ?? 0) & (flags[start] ?? 0) & CODE_BLOCK) !== 0;
    if (shown) visible = true;
    return { brk: line.brk, runs, quote, codeBlock, hidden: start < end && !shown && !quote };
  });
  // A message of markers only (a lone fence) would show nothing at all: show it as typed.
  return visible || n === 0 ? lines : plainMarkup(text);
}
