// Opens the room's message tables: the MessageStore (messages, pages, replay, search, receipts) with
// its MessageEventStore (reactions, edits, deletions), sharing one ReactionsTable. New messages' rows
// wait behind in `writes` (write-behind.ts); every other statement on these tables runs them first.
// Used by chat-room.ts.

import { readsAfterWrites, type WriteBehind } from '../write-behind';
import { MessageEventStore } from './message-events-store';
import { MessageIds } from './message-ids';
import { type HistoryPolicy, MessageStore } from './message-store';
import { ReactionsTable } from './reactions-table';

export function openMessages(sql: SqlStorage, policy: HistoryPolicy, writes: WriteBehind): MessageStore {
  const after = readsAfterWrites(sql, writes);
  const reactions = new ReactionsTable(after);
  return new MessageStore(after, policy, reactions, new MessageEventStore(after, reactions), {
    writes,
    ids: new MessageIds(sql),
    sql,
  });
}
