// Exporting a conversation as TXT (the same `(Global) (alice) (14:23:15): text` lines as the log)
// or JSON (one object per row, with ISO times). Pure; the export buttons download the result.

import type { LogLine } from '../state/log-lines';
import { lineParts, lineText } from './log-line';

export type ExportFormat = 'txt' | 'json';

export interface ExportFile {
  name: string;
  type: string;
  content: string;
}

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
    const text = exported(lines).map((l) => lineText(lineParts(l, hour12)));
    return { name: `${base}.txt`, type: 'text/plain;charset=utf-8', content: `${text.join('\n')}\n` };
  }
  const rows = exported(lines).map((l) => ({
    ...(l.id === undefined ? {} : { id: l.id }),
    kind: l.kind,
    ...(l.from === undefined ? {} : { from: l.from }),
    ...(l.to === undefined ? {} : { to: l.to }),
    at: new Date(l.at).toISOString(),
    ...(l.file === undefined ? {} : { file: true }),
    text: l.text,
    line: lineText(lineParts(l, hour12)),
  }));
  return {
    name: `${base}.json`,
    type: 'application/json',
    content: `${JSON.stringify({ conversation: title, exportedAt: now.toISOString(), messages: rows }, null, 2)}\n`,
  };
}
