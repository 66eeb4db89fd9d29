// What one message row says: `(Global) (alice) (14:23:15): text`, `(Private) (alice → bob) ...`
// or `(System) (14:23:15): bob joined`. Pure; the message row renders these parts as spans, and
// splits a message into its lines (messageLines) so that continuation lines can be marked.

import { formatTime } from './time';

export type LineKind = 'public' | 'private' | 'system';

export interface LineSource {
  kind: LineKind;
  /** Room time, epoch ms. */
  at: number;
  /** The sender; absent on system lines. */
  from?: string;
  /** The recipient of a private message. */
  to?: string;
  text: string;
}

export interface LineParts {
  label: '(Global)' | '(Private)' | '(System)';
  /** `(alice)` or `(alice → bob)`; null on system lines. */
  who: string | null;
  /** The names inside `who`, sender first, for the UI to isolate one by one. */
  names: readonly string[];
  time: string;
  text: string;
}

const LABELS = { public: '(Global)', private: '(Private)', system: '(System)' } as const;

export function lineParts(line: LineSource, hour12: boolean): LineParts {
  let names: string[] = [];
  if (line.kind === 'public') names = [line.from ?? ''];
  else if (line.kind === 'private') names = [line.from ?? '', line.to ?? ''];
  const who = names.length === 0 ? null : `(${names.join(' → ')})`;
  return { label: LABELS[line.kind], who, names, time: `(${formatTime(line.at, hour12)})`, text: line.text };
}

/** The row's exact text content, spaces included. */
export function lineText(parts: LineParts): string {
  return `${parts.label} ${parts.who === null ? '' : `${parts.who} `}${parts.time}: ${parts.text}`;
}

/**
 * What ends a line in a message: LF, CR LF, and every other character a browser or a text viewer
 * may break a line at (CR, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR).
 */
export const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/u;

/**
 * A message's lines, each with the break that ended the line before it ('' for the first), so
 * that the breaks joined back with the lines give the text exactly. The first line follows the
 * row's lead; the others are continuation lines, which the log and the TXT export mark so that
 * no line inside a message can pass for a row of its own (from someone else, or from System).
 */
export function messageLines(text: string): { text: string; brk: string }[] {
  const lines: { text: string; brk: string }[] = [];
  const splitter = new RegExp(LINE_BREAK.source, 'gu');
  let start = 0;
  let brk = '';
  for (const match of text.matchAll(splitter)) {
    lines.push({ text: text.slice(start, match.index), brk });
    brk = match[0];
    start = match.index + match[0].length;
  }
  lines.push({ text: text.slice(start), brk });
  return lines;
}

/** The text of a system line for a roster change. */
export function presenceText(name: string, change: 'join' | 'leave', reason?: string): string {
  if (change === 'join') return `${name} joined`;
  if (reason === 'timeout') return `${name} timed out`;
  if (reason === 'kicked') return `${name} was disconnected`;
  return `${name} left`;
}
