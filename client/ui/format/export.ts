// Exporting a conversation as TXT (the same `(Global) (alice) (14:23:15): text` lines as the log)
// or JSON (one object per row, with ISO times; a reply's target, the last edit and a tombstone
// marked; the TXT says "[message deleted]" for a tombstone). Both hold a message's latest text.
// Pure; the export buttons download the result.
// In the TXT, every row starts with "(" and every continuation line of a message with
// CONTINUATION_PREFIX, and no bidi control can reorder a line (txtRow).

import type { LogLine } from '../state/log-lines';
import { stripBidiScopes } from './bidi';
import { type LineParts, lineParts, lineText, messageLines } from './log-line';

export type ExportFormat = 'txt' | 'json';

export interface ExportFile {
  name: string;
  type: string;
  content: string;
}

/**
 * Starts each continuation line of a message in the TXT: a row's first line starts with "(" and a
 * continuation line never does, so `\n(Global) (bob) (14:23:16): fake` in alice's message
 * exports as `  | (Global) (bob) (14:23:16): fake`, visibly inside her row.
 */
export const CONTINUATION_PREFIX = '  | ';

/**
 * One row of the TXT export: the log's line, continuation lines marked, and the bidi controls that
 * open or close a scope stripped (bidi.ts), since a plain-text file has no markup to isolate with.
 * The log isolates with <bdi> instead and keeps the text's own controls, balanced
 * (message-text.tsx); the JSON export keeps the text as sent.
 */
export function txtRow(parts: LineParts): string {
  const [first, ...more] = messageLines(parts.text).map((line) => stripBidiScopes(line.text));
  const lead = lineText({
    ...parts,
    who: parts.who === null ? null : stripBidiScopes(parts.who),
    text: first ?? '',
  });
  return [lead, ...more.map((line) => `${CONTINUATION_PREFIX}${line}`)].join('\n');
}

/** What a tombstone's row says in the TXT (the JSON marks it `deleted` instead). */
export const DELETED_IN_TXT = '[message deleted]';

/** Rows still waiting for the room or refused by it are not part of the conversation. */
const exported = (lines: readonly LogLine[]) => lines.filter((l) => l.state === undefined);

export function exportConversation(
  lines: readonly LogLine[],
  title: string,
  format: ExportFormat,
  hour12: boolean,
  now = new Date(),
): ExportFile {
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  const base = `chatspace-${title.toLowerCase().replace(/[^a-z0-9_]+/g, '-')}-${stamp}`;
  if (format === 'txt') {
    const text = exported(lines).map((l) =>
      txtRow(lineParts(l.deleted ? { ...l, text: DELETED_IN_TXT } : l, hour12)),
    );
    return { name: `${base}.txt`, type: 'text/plain;charset=utf-8', content: `${text.join('\n')}\n` };
  }
  const rows = exported(lines).map((l) => ({
    ...(l.id === undefined ? {} : { id: l.id }),
    kind: l.kind,
    ...(l.from === undefined ? {} : { from: l.from }),
    ...(l.to === undefined ? {} : { to: l.to }),
    at: new Date(l.at).toISOString(),
    ...(l.file === undefined ? {} : { file: true }),
    ...(l.replyTo === undefined ? {} : { replyTo: l.replyTo }),
    ...(l.editedAt === undefined ? {} : { editedAt: new Date(l.editedAt).toISOString() }),
    ...(l.deleted ? { deleted: true } : {}),
    text: l.text,
    line: lineText(lineParts(l, hour12)),
  }));
  return {
    name: `${base}.json`,
    type: 'application/json',
    content: `${JSON.stringify({ conversation: title, exportedAt: now.toISOString(), messages: rows }, null, 2)}\n`,
  };
}
