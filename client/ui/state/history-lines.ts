// Turning room messages into log rows, and merging pages of earlier messages into a conversation
// without repeating a row: every message row is keyed by the room's stable id. Pure.

import type { ChatEntry } from '../../core/chat-client';
import type { LogLine } from './log-lines';

export const messageKey = (id: number): string => `m:${id}`;

/** The row for a message; `earlier` marks rows that came from history rather than live. */
export function messageLine(entry: ChatEntry, earlier = false): LogLine {
  const base = { key: messageKey(entry.id), id: entry.id, at: entry.at, from: entry.from, text: entry.text };
  const line: LogLine =
    entry.type === 'msg' ? { ...base, kind: 'public' } : { ...base, kind: 'private', to: entry.to };
  return earlier ? { ...line, earlier: true } : line;
}

/**
 * Puts `earlier` rows (oldest first) before the conversation's rows, skipping any already there.
 * They go before the first message row that is newer, so they never land after live messages.
 */
export function mergeEarlier(lines: readonly LogLine[], earlier: readonly LogLine[]): LogLine[] {
  const present = new Set(lines.map((l) => l.key));
  const fresh = earlier.filter((l) => !present.has(l.key));
  if (fresh.length === 0) return lines as LogLine[];
  const newest = fresh[fresh.length - 1]!.id ?? 0;
  let at = lines.findIndex((l) => l.id !== undefined && l.id > newest);
  if (at < 0) at = lines.length;
  return [...lines.slice(0, at), ...fresh, ...lines.slice(at)];
}

/** The oldest message id in a conversation, for the next "Load older" page. */
export function oldestId(lines: readonly LogLine[]): number | null {
  for (const line of lines) if (line.id !== undefined) return line.id;
  return null;
}
