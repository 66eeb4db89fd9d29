// A row of the `messages` table and its wire form, shared by the message store (pages, replay,
// search) and the message-event store (reactions, edits, deletions). Migrations 4, 8 and 9 define it.
// A sealed private message's envelope is stored as JSON and parsed back, never cast.

import * as v from 'valibot';
import { SealedEnvelope } from '../../protocol/e2e-messages';
import type { ServerMessageOf } from '../../protocol/server-messages';

export type ChatLine = ServerMessageOf<'msg'> | ServerMessageOf<'pm'>;

/** What a message says: text, or (private messages only) an end-to-end envelope. */
export type MessageBody = { text: string } | { envelope: SealedEnvelope };

/** 'msg' for a message; otherwise an event about message `target` (migration 9). */
export type RowKind = 'msg' | 'reaction' | 'edited' | 'deleted';

export type Row = {
  id: number;
  kind: RowKind;
  target: number | null;
  private: number;
  from_name: string;
  from_session: string;
  to_name: string | null;
  to_session: string | null;
  cid: number;
  text: string;
  envelope: string | null;
  ts: number;
  at: number;
  reply_to: number | null;
  edited_at: number | null;
  deleted: number;
};

export const COLUMNS =
  'id, kind, target, private, from_name, from_session, to_name, to_session, cid, text, envelope, ts, at, reply_to, edited_at, deleted';

/** The same columns for a query that names the table `m`. */
export const M_COLUMNS = COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ');

/** A stored envelope read back: parsed, never cast (null only if the row was damaged). */
function storedBody(r: Row): MessageBody | null {
  if (r.envelope === null) return { text: r.text };
  try {
    const parsed = v.safeParse(SealedEnvelope, JSON.parse(r.envelope));
    return parsed.success ? { envelope: parsed.output } : null;
  } catch {
    return null;
  }
}

/**
 * The wire form of a message row, without its reactions (see reactions-table.ts); `viewer` gets its
 * own cid back, so a resent queue entry settles on its replay. Null for a row whose envelope no
 * longer parses (it is skipped).
 */
export function toLine(r: Row, viewer: string | null): ChatLine | null {
  const body = storedBody(r);
  if (!body) return null;
  const own = viewer !== null && r.from_session === viewer ? { cid: r.cid } : {};
  const state = {
    ...(r.reply_to === null ? {} : { reply_to: r.reply_to }),
    ...(r.edited_at === null || r.deleted ? {} : { editedAt: r.edited_at }),
    ...(r.deleted ? { deleted: true as const } : {}),
  };
  return r.private
    ? {
        type: 'pm',
        id: r.id,
        from: r.from_name,
        to: r.to_name ?? '',
        ...body,
        ts: r.ts,
        at: r.at,
        ...own,
        ...state,
      }
    : { type: 'msg', id: r.id, from: r.from_name, text: r.text, ts: r.ts, at: r.at, ...own, ...state };
}
