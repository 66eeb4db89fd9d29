// Message history from the room's SQLite: the first page a join gets, what a resumed session
// missed (replayed as ordinary messages, in order, page by page as the client acknowledges),
// "Load older" pages and Lobby search. Every answer is bounded in bytes (the limits' pageBytes)
// and is heavy: it waits while the socket's flow-control window is full (worker/room/outbox.ts).

import type { ClientMessageOf } from '../../protocol/client-messages';
import {
  HISTORY_FIRST_PAGE,
  MAX_HISTORY_PAGE,
  MAX_SEARCH_RESULTS,
  PRIVATE_HISTORY_PAGE,
} from '../../protocol/limits';
import { ftsMatch } from '../../protocol/search-terms';
import type { JoinedSocket } from '../joined-socket';
import type { LiveSocket } from '../live-socket';
import type { RoomContext } from '../room-context';
import { utf8Length } from '../utf8-length';

/** Room for the envelope around a page's messages (type, more, before, query). */
const ENVELOPE_BYTES = 1024;

type HistoryRoomPart = Pick<RoomContext, 'outbox' | 'messages'>;

/**
 * After a join. A resumed session that says what it has (`since`) gets everything after it, exactly
 * once and in order; any other join gets the newest Lobby page, plus, for a resumed session (a
 * reloaded page), its own private history. A new session never sees an earlier owner's private messages.
 */
export function historyOnJoin(
  room: HistoryRoomPart,
  live: JoinedSocket,
  resumed: boolean,
  since: number | undefined,
): void {
  const session = live.att.session;
  if (resumed && since !== undefined) {
    live.att.replay = { after: since, since };
    continueReplay(room, live);
    return;
  }
  const budget = room.outbox.limits.pageBytes - ENVELOPE_BYTES;
  const own = resumed ? room.messages.privatePage(session, PRIVATE_HISTORY_PAGE, budget / 2) : [];
  const ownBytes = own.reduce((sum, m) => sum + utf8Length(JSON.stringify(m)), 0);
  const page = room.messages.publicPage(null, HISTORY_FIRST_PAGE, budget - ownBytes);
  const messages = resumed ? [...page.messages, ...own].sort((a, b) => a.id - b.id) : page.messages;
  room.outbox.sendHeavy(live, { type: 'history', messages, more: page.more });
}

/**
 * Sends replay pages while the socket's window is open; the rest follows as the client
 * acknowledges (the outbox calls back) or at the next alarm sweep after an eviction. Until the
 * replay ends, live chat to this socket is not sent (outbox.send): it is stored, so the replay
 * delivers it, in order and once. Order matters: the last page and the end of the replay happen in
 * one turn of the room's serial queue, so no message can slip in between.
 */
export function continueReplay(room: HistoryRoomPart, live: LiveSocket): void {
  const session = live.att.session;
  while (live.att.replay && !live.closed && room.outbox.windowOpen(live)) {
    if (session === undefined) {
      live.att.replay = undefined;
      return;
    }
    const { after, since = after } = live.att.replay;
    const page = room.messages.sincePage(
      after,
      session,
      room.outbox.limits.pageBytes - ENVELOPE_BYTES,
      since,
    );
    room.outbox.sendPage(live, page.json);
    live.att.replay = page.more ? { after: page.last, since } : undefined;
  }
}

export function handleHistory(
  room: HistoryRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'history'>,
): void {
  const budget = room.outbox.limits.pageBytes - ENVELOPE_BYTES;
  const page = room.messages.publicPage(msg.before, msg.limit ?? MAX_HISTORY_PAGE, budget);
  room.outbox.sendHeavy(live, {
    type: 'history',
    messages: page.messages,
    more: page.more,
    before: msg.before,
  });
}

export async function handleSearch(
  room: HistoryRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'search'>,
): Promise<void> {
  const match = ftsMatch(msg.query);
  if (match === null) return room.outbox.error(live, 'bad_search');
  room.outbox.sendHeavy(live, {
    type: 'search_results',
    query: msg.query,
    messages: room.messages.search(match, MAX_SEARCH_RESULTS, room.outbox.limits.pageBytes - ENVELOPE_BYTES),
  });
}
