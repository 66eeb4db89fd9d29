// A reaction, edit or deletion from the room applied to a conversation's rows: the message it
// names takes its new reactions, its latest text ("(edited)") or becomes a tombstone. Pure; the
// message feed (message-feed.ts) applies each event to every conversation, since only one holds the id.
// Tested in test/unit/client/ui/state/message-updates.test.ts.

import type { ClientEvents } from '../../core/chat-client';
import type { LogLine } from './log-lines';

export type RoomMessageEvent = ClientEvents['messageEvent'];

/** `lines` with the event applied; the same array when no row has the message (not loaded). */
export function applyMessageEvent(lines: readonly LogLine[], event: RoomMessageEvent): LogLine[] {
  const index = lines.findIndex((l) => l.id === event.id && l.state === undefined);
  const line = lines[index];
  if (line === undefined || line.file !== undefined) return lines as LogLine[];
  const next = lines.slice();
  next[index] = updated(line, event);
  return next;
}

function updated(line: LogLine, event: RoomMessageEvent): LogLine {
  switch (event.type) {
    case 'reaction':
      if (line.deleted) return line;
      return { ...line, reactions: event.reactions.length > 0 ? event.reactions : undefined };
    case 'edited':
      if (line.deleted) return line;
      return { ...line, text: event.text, editedAt: event.editedAt };
    case 'deleted':
      return {
        ...line,
        text: '',
        deleted: true,
        reactions: undefined,
        editedAt: undefined,
        undecryptable: undefined,
      };
    default:
      return event satisfies never;
  }
}

/** Our newest message in `lines` that is still there to edit or delete (Up in an empty composer). */
export function lastOwn(lines: readonly LogLine[], isMe: (name: string) => boolean): LogLine | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line && canDelete(line, isMe)) return line;
  }
  return null;
}

/** A message of ours the room would accept an edit of: confirmed, not a tombstone, not sealed, recent. */
export function canEdit(
  line: LogLine,
  isMe: (name: string) => boolean,
  now: number,
  windowMs: number,
): boolean {
  return canDelete(line, isMe) && !line.sealed && !line.undecryptable && now - line.at < windowMs;
}

/**
 * A confirmed message row, not already deleted, that we may delete: ours (the room lets its author
 * delete it), or anyone's Lobby message when we own the room (docs/protocol.md section 4.2).
 */
export function canDelete(line: LogLine, isMe: (name: string) => boolean, owner = false): boolean {
  return (
    line.kind !== 'system' &&
    line.id !== undefined &&
    line.state === undefined &&
    line.file === undefined &&
    !line.deleted &&
    line.from !== undefined &&
    (isMe(line.from) || (owner && line.kind === 'public'))
  );
}
