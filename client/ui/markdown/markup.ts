// A message's text as lines of styled runs: what message-text.tsx draws. Every run is a slice of
// the source, in order, so a row's text content stays exactly the message as sent; Markdown's
// markers (`**`, `> `, fences) are runs too, only `hidden`. plainMarkup is the unstyled form, shown
// until the lazy Markdown parser (parse-markdown.ts) has loaded. Tested in test/unit/client/ui/markdown/.

import { findMentions } from '#protocol/mentions';
import { messageLines } from '../format/log-line';

export interface MarkupRun {
  /** A slice of the message's source text. */
  text: string;
  /** Where `text` starts in the source (UTF-16 index): search marks are placed by it. */
  start: number;
  /** A Markdown marker: kept in the text content, not drawn. */
  hidden: boolean;
  strong: boolean;
  em: boolean;
  del: boolean;
  code: boolean;
  /** A link's target, already checked (link-href.ts); null for text. */
  href: string | null;
  /** A search match (highlight.ts). */
  mark: boolean;
  /** An `@name` (#protocol/mentions): drawn as a mention unless it is code. */
  mention?: boolean;
}

export interface MarkupLine {
  /** The break that ended the line before ('' for the first line). */
  brk: string;
  runs: MarkupRun[];
  /** Starts with `>`: drawn as a quote. */
  quote: boolean;
  /** Inside a fenced code block. */
  codeBlock: boolean;
  /** A code fence: every character a marker, so the line is not drawn at all. */
  hidden: boolean;
}

export type MarkdownParser = (text: string) => MarkupLine[];

export const plainRun = (text: string, start: number): MarkupRun => ({
  text,
  start,
  hidden: false,
  strong: false,
  em: false,
  del: false,
  code: false,
  href: null,
  mark: false,
});

/** The message as plain lines, no formatting: one run per line. */
export function plainMarkup(text: string): MarkupLine[] {
  let at = 0;
  return messageLines(text).map((line) => {
    at += line.brk.length;
    const runs = line.text === '' ? [] : [plainRun(line.text, at)];
    at += line.text.length;
    return { brk: line.brk, runs, quote: false, codeBlock: false, hidden: false };
  });
}

/**
 * `lines` with every part of a run inside one of `ranges` ([start, end) in the source) split off
 * and marked: search results mark the matching words of the formatted text (`mark`), and `@name`s
 * are marked as mentions (`mention`).
 */
export function markRanges(
  lines: readonly MarkupLine[],
  ranges: readonly (readonly [number, number])[],
  flag: 'mark' | 'mention' = 'mark',
) {
  if (ranges.length === 0) return lines;
  const flagged = (run: MarkupRun): MarkupRun =>
    flag === 'mark' ? { ...run, mark: true } : { ...run, mention: true };
  return lines.map((line) => ({
    ...line,
    runs: line.runs.flatMap((run) => {
      const out: MarkupRun[] = [];
      const end = run.start + run.text.length;
      let at = run.start;
      for (const [from, to] of ranges) {
        const a = Math.max(from, at);
        const b = Math.min(to, end);
        if (b <= a) continue;
        if (a > at) out.push({ ...run, text: run.text.slice(at - run.start, a - run.start), start: at });
        out.push(flagged({ ...run, text: run.text.slice(a - run.start, b - run.start), start: a }));
        at = b;
      }
      if (at < end) out.push({ ...run, text: run.text.slice(at - run.start), start: at });
      return out;
    }),
  }));
}

/** `lines` (of `text`) with each `@name` marked as a mention: drawn as one unless it is code. */
export function markMentions(lines: readonly MarkupLine[], text: string) {
  return markRanges(
    lines,
    findMentions(text).map((m) => [m.start, m.end] as const),
    'mention',
  );
}
