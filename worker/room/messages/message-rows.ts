// A row of the `messages` table and its wire form, shared by the message store (pages, replay,
// search) and the message-event store (reactions, edits, deletions). Migrations 4 and 8 define it.

import type { ServerMessageOf } from '../../protocol/server-messages';

export type ChatLine = ServerMessageOf<'msg'> | ServerMessageOf<'pm'>;

/** 'msg' for a message; otherwise an event about message `target` (migration 8). */
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
  ts: number;
  at: number;
  reply_to: number | null;
  edited_at: number | null;
  deleted: number;
};

export const COLUMNS =
  'id, kind, target, private, from_name, from_session, to_name, to_session, cid, text, ts, at, reply_to, edited_at, deleted';

/** The same columns for a query that names the table `m`. */
export const M_COLUMNS = COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ');

/**
 * The wire form of a message row, without its reactions (see reactions-table.ts); `viewer` gets its
 * own cid back, so a resent queue entry settles on its replay.
 */
export function toLine(r: Row, viewer: string | null): ChatLine {
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
        text: r.text,
        ts: r.ts,
        at: r.at,
        ...own,
        ...state,
      }
    : { type: 'msg', id: r.id, from: r.from_name, text: r.text, ts: r.ts, at: r.at, ...own, ...state };
}
