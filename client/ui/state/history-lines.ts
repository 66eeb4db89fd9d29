// Turning room messages into log rows, and merging pages of earlier messages into a conversation
// without repeating a row: every message row is keyed by the room's stable id. A row carries the
// message's state (reply target, last edit, tombstone, reactions). Pure.

import type { ChatEntry } from '../../core/chat-client';
import { undecryptableText } from '../format/e2e-failure';
import type { LogLine } from './log-lines';

export const messageKey = (id: number): string => `m:${id}`;

/** The row for a message; `earlier` marks rows that came from history rather than live. */
export function messageLine(entry: ChatEntry, earlier = false): LogLine {
  const base = { key: messageKey(entry.id), id: entry.id, at: entry.at, from: entry.from, text: entry.text };
  // A sealed message that did not open shows the notice and its reason, never any of its content.
  const failed = entry.type === 'pm' && entry.e2e?.ok === false ? entry.e2e.reason : null;
  const line: LogLine =
    entry.type === 'msg'
      ? { ...base, kind: 'public' }
      : failed !== null
        ? { ...base, kind: 'private', to: entry.to, text: undecryptableText(failed), undecryptable: true }
        : { ...base, kind: 'private', to: entry.to };
  const state: Partial<LogLine> = {
    ...(entry.reply_to === undefined ? {} : { replyTo: entry.reply_to }),
    ...(entry.editedAt === undefined ? {} : { editedAt: entry.editedAt }),
    ...(entry.deleted ? { deleted: true, text: '', undecryptable: undefined } : {}),
    ...(entry.reactions && entry.reactions.length > 0 && !entry.deleted
      ? { reactions: entry.reactions }
      : {}),
    ...(entry.type === 'pm' && entry.e2e !== undefined ? { sealed: true } : {}),
  };
  const full = { ...line, ...state };
  return earlier ? { ...full, earlier: true } : full;
}

/**
 * Merges `earlier` rows (oldest first) into the conversation by message id, skipping any already
 * there: each goes before the first message row that is newer, so it never lands after a later
 * message even when the page fills a gap. Rows without an id (system lines, pending sends) stay put.
 */
export function mergeEarlier(lines: readonly LogLine[], earlier: readonly LogLine[]): LogLine[] {
  const present = new Set(lines.map((l) => l.key));
  const fresh = earlier.filter((l) => !present.has(l.key)).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  if (fresh.length === 0) return lines as LogLine[];
  const out: LogLine[] = [];
  let next = 0;
  for (const line of lines) {
    if (line.id !== undefined)
      for (let f = fresh[next]; f && (f.id ?? 0) < line.id; f = fresh[++next]) out.push(f);
    out.push(line);
  }
  for (const f of fresh.slice(next)) out.push(f);
  return out;
}

/** The oldest message id in a conversation, for the next "Load older" page. */
export function oldestId(lines: readonly LogLine[]): number | null {
  for (const line of lines) if (line.id !== undefined) return line.id;
  return null;
}
