// What one message row says: `(Global) (alice) (14:23:15): text`, `(Private) (alice → bob) ...`
// or `(System) (14:23:15): bob joined`. Pure; the message row renders these parts as spans.

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
  time: string;
  text: string;
}

const LABELS = { public: '(Global)', private: '(Private)', system: '(System)' } as const;

export function lineParts(line: LineSource, hour12: boolean): LineParts {
  let who: string | null = null;
  if (line.kind === 'public') who = `(${line.from ?? ''})`;
  else if (line.kind === 'private') who = `(${line.from ?? ''} → ${line.to ?? ''})`;
  return { label: LABELS[line.kind], who, time: `(${formatTime(line.at, hour12)})`, text: line.text };
}

/** The row's exact text content, spaces included. */
export function lineText(parts: LineParts): string {
  return `${parts.label} ${parts.who === null ? '' : `${parts.who} `}${parts.time}: ${parts.text}`;
}

/** The text of a system line for a roster change. */
export function presenceText(name: string, change: 'join' | 'leave', reason?: string): string {
  if (change === 'join') return `${name} joined`;
  if (reason === 'timeout') return `${name} timed out`;
  if (reason === 'kicked') return `${name} was disconnected`;
  return `${name} left`;
}
