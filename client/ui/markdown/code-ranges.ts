// Where a message has code, by the CommonMark rules the renderer (parse-markdown.ts) follows:
// fenced code blocks (``` or ~~~, also inside `>` quotes) and `code spans` (a run of backticks
// closed by a run of the same length, not across a blank line nor into a deeper `>` quote, which
// starts a new block; a backslash-escaped backtick opens nothing). Small and synchronous, for the composer: shortcodes are not converted inside code.
// Tested in test/unit/client/ui/markdown/code-ranges.test.ts, against the parser too.

const LINE = /\r\n|\r|\n/g;
const QUOTES = /^(?: {0,3}> ?)*/;
const OPEN_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** [start, end) ranges of code in `text`, in order, not overlapping. */
export function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let fence: { char: string; length: number; depth: number } | null = null;
  /** Start of the run of paragraph text not yet scanned for code spans. */
  let para = -1;
  /** How many `>` quote that paragraph: a line quoted deeper starts a new block. */
  let paraDepth = 0;
  const endParagraph = (end: number) => {
    if (para >= 0) ranges.push(...codeSpans(text, para, end));
    para = -1;
  };
  let start = 0;
  const lines: [number, number, number][] = [];
  for (const m of text.matchAll(LINE)) {
    lines.push([start, m.index, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  lines.push([start, text.length, text.length]);
  for (const [from, to, next] of lines) {
    const line = text.slice(from, to);
    const quotes = QUOTES.exec(line)?.[0] ?? '';
    const body = line.slice(quotes.length);
    const depth = quotes.split('>').length - 1;
    // A fence in a quote ends with the quote (no lazy lines in code); a deeper `>` is its text.
    if (fence && depth < fence.depth) fence = null;
    if (fence) {
      ranges.push([from, next]);
      const close = new RegExp(`^ {0,3}${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
      if (depth === fence.depth && close.test(body)) fence = null;
      continue;
    }
    const open = OPEN_FENCE.exec(body);
    const marker = open?.[1];
    if (marker && !(marker.startsWith('`') && open[2]?.includes('`'))) {
      endParagraph(from);
      fence = { char: marker.charAt(0), length: marker.length, depth };
      ranges.push([from, next]);
      continue;
    }
    if (body.trim() === '') endParagraph(from);
    else {
      // A shallower line is a lazy continuation of the quoted paragraph; a deeper one interrupts it.
      if (para >= 0 && depth > paraDepth) endParagraph(from);
      if (para < 0) {
        para = from;
        paraDepth = depth;
      }
    }
  }
  endParagraph(text.length);
  return merge(ranges);
}

/** The code spans in text[from, to). */
function codeSpans(text: string, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [];
  let i = from;
  while (i < to) {
    const c = text.charAt(i);
    if (c === '\\' && ASCII_PUNCTUATION.test(text.charAt(i + 1))) {
      i += 2;
      continue;
    }
    if (c !== '`') {
      i++;
      continue;
    }
    let n = 0;
    while (text.charAt(i + n) === '`') n++;
    const close = closingRun(text, i + n, to, n);
    if (close < 0) {
      i += n;
      continue;
    }
    spans.push([i, close + n]);
    i = close + n;
  }
  return spans;
}

/** Index of the next run of exactly `n` backticks in text[from, to), or -1. */
function closingRun(text: string, from: number, to: number, n: number): number {
  let j = from;
  while (j < to) {
    if (text.charAt(j) !== '`') {
      j++;
      continue;
    }
    let run = 0;
    while (j + run < to && text.charAt(j + run) === '`') run++;
    if (run === n) return j;
    j += run;
  }
  return -1;
}

function merge(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const range of ranges) {
    const last = out.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}
