// Message history from the room's SQLite: the first page a join gets, what a resumed session
// missed (replayed as ordinary messages, in order), "Load older" pages and Lobby search.

import type { ClientMessageOf } from '../../protocol/client-messages';
import {
  HISTORY_FIRST_PAGE,
  MAX_HISTORY_PAGE,
  MAX_REPLAY,
  MAX_SEARCH_RESULTS,
  PRIVATE_HISTORY_PAGE,
} from '../../protocol/limits';
import { ftsMatch } from '../../protocol/search-terms';
import type { JoinedSocket } from '../joined-socket';
import type { RoomContext } from '../room-context';

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
    for (const line of room.messages.since(since, session, MAX_REPLAY)) room.outbox.send(live, line);
    return;
  }
  const page = room.messages.publicPage(null, HISTORY_FIRST_PAGE);
  const messages = resumed
    ? [...page.messages, ...room.messages.privatePage(session, PRIVATE_HISTORY_PAGE)].sort(
        (a, b) => a.id - b.id,
      )
    : page.messages;
  room.outbox.send(live, { type: 'history', messages, more: page.more });
}

export function handleHistory(
  room: HistoryRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'history'>,
): void {
  const page = room.messages.publicPage(msg.before, msg.limit ?? MAX_HISTORY_PAGE);
  room.outbox.send(live, { type: 'history', messages: page.messages, more: page.more, before: msg.before });
}

export async function handleSearch(
  room: HistoryRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'search'>,
): Promise<void> {
  const match = ftsMatch(msg.query);
  if (match === null) return room.outbox.error(live, 'bad_search');
  room.outbox.send(live, {
    type: 'search_results',
    query: msg.query,
    messages: room.messages.search(match, MAX_SEARCH_RESULTS),
  });
}
