// One conversation's message rows and the pure updates on them: append (bounded), settle a
// pending row when its echo arrives (moving it after messages the room ordered first), mark one
// failed. The chat store uses these.

import type { ReactionSummary } from '#protocol/message-state';
import type { LineSource } from '../format/log-line';

export interface LogLine extends LineSource {
  /** Stable key: `m:<id>` for the room's message id, `cid:N` while pending, or `sys:N`. */
  key: string;
  /** The room's message id (see history-lines.ts), once it has one. */
  id?: number;
  /** Came from the room's history rather than live: shown as an earlier message. */
  earlier?: boolean;
  /** Our own message id while it is not confirmed. */
  cid?: number;
  /** `sending` until the room's echo arrives; `failed` when the room refused it. */
  state?: 'sending' | 'failed';
  error?: string;
  /** A sealed private message that could not be opened: `text` is the notice, not the message. */
  undecryptable?: boolean;
  /** The message mentions us (mentioned.ts): the row is highlighted. */
  mentioned?: boolean;
  /** A file card's id (see file-store.ts): the row shows that card instead of text. */
  file?: string;
  /** The id of the message this one answers (a reply). */
  replyTo?: number;
  /** When the author last edited it: `text` is the latest text. */
  editedAt?: number;
  /** A tombstone: the text is gone (`text` is empty) and so are its reactions. */
  deleted?: boolean;
  /** Reactions now, in the order each emoji was first used. */
  reactions?: readonly ReactionSummary[];
  /** A private message sealed end to end: the room cannot edit it (sealed_message). */
  sealed?: boolean;
}

/** Rows kept per conversation; older ones scroll off for good (keeps the DOM small). */
export const MAX_LINES = 500;

export function appendLine(lines: readonly LogLine[], line: LogLine, max = MAX_LINES): LogLine[] {
  const next = lines.length >= max ? lines.slice(lines.length - max + 1) : lines.slice();
  next.push(line);
  return next;
}

/** Replaces our pending row `cid` with the room's copy; appends when there is none. */
export function settleLine(lines: readonly LogLine[], cid: number, confirmed: LogLine): LogLine[] {
  const index = lines.findIndex((l) => l.cid === cid && l.state !== undefined);
  if (index < 0) return appendLine(lines, confirmed);
  const next = lines.slice();
  next[index] = confirmed;
  // A row queued while offline sits where it was typed; messages the room ordered before it may
  // have arrived since (replayed after the reconnect). It moves after them, so both sides agree.
  const id = confirmed.id;
  if (id === undefined) return next;
  let after = -1;
  for (let j = next.length - 1; j > index; j--) {
    const other = next[j]?.id;
    if (other !== undefined && other < id) {
      after = j;
      break;
    }
  }
  if (after < 0) return next;
  next.splice(index, 1);
  next.splice(after, 0, confirmed);
  return next;
}

/** Marks pending row `cid` delivered without its echo (an `ack` after a reconnect). */
export function ackLine(lines: readonly LogLine[], cid: number): LogLine[] {
  return updateLine(lines, cid, (l) => ({ ...l, state: undefined }));
}

export function failLine(lines: readonly LogLine[], cid: number, error: string): LogLine[] {
  return updateLine(lines, cid, (l) => ({ ...l, state: 'failed', error }));
}

export function hasPending(lines: readonly LogLine[], cid: number): boolean {
  return lines.some((l) => l.cid === cid && l.state !== undefined);
}

function updateLine(lines: readonly LogLine[], cid: number, change: (l: LogLine) => LogLine): LogLine[] {
  const index = lines.findIndex((l) => l.cid === cid && l.state !== undefined);
  const line = lines[index];
  if (line === undefined) return lines as LogLine[];
  const next = lines.slice();
  next[index] = change(line);
  return next;
}

/** The file cards (see LogLine.file) whose rows `before` had and `after` no longer has. */
export function droppedFiles(before: readonly LogLine[], after: readonly LogLine[]): string[] {
  const ids = before.flatMap((l) => (l.file ? [l.file] : []));
  if (ids.length === 0) return [];
  const kept = new Set(after.map((l) => l.file));
  return ids.filter((id) => !kept.has(id));
}
