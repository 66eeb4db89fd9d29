// Opens the room's message tables: the MessageStore (messages, pages, replay, search, receipts) with
// its MessageEventStore (reactions, edits, deletions), sharing one ReactionsTable. Used by chat-room.ts.

import { MessageEventStore } from './message-events-store';
import { type HistoryPolicy, MessageStore } from './message-store';
import { ReactionsTable } from './reactions-table';

export function openMessages(sql: SqlStorage, policy: HistoryPolicy): MessageStore {
  const reactions = new ReactionsTable(sql);
  return new MessageStore(sql, policy, reactions, new MessageEventStore(sql, reactions));
}
