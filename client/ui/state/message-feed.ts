// The room's messages as conversation rows: each live message in its conversation (a private one
// opens its tab), pages of earlier messages merged in without repeats, and the Lobby's "Load older"
// (pressable again once the room answered, or refused the page with too_expensive). Reactions,
// edits and deletions change the row of the message they name (message-updates.ts).
// A model the chat store holds; the typing and receipt extras hear of every arrival.
// Tested in test/unit/client/ui/state/message-feed.test.ts.

import { type Signal, signal } from '@preact/signals';
import type { ChatClient, ChatEntry } from '../../core/chat-client';
import type { ConversationExtras } from './conversation-extras';
import { type Conversations, conversationId, LOBBY } from './conversations';
import { mergeEarlier, messageLine, oldestId } from './history-lines';
import type { Identity } from './identity';
import { appendLine, type LogLine, settleLine } from './log-lines';
import { mentionsMe } from './mentioned';
import { applyMessageEvent } from './message-updates';
import type { ToastList } from './toasts';

/** What the feed uses of the client: its events, and asking for an older page. */
export type FeedClient = Pick<ChatClient, 'on' | 'loadOlder'>;

export interface MessageFeedDeps {
  readonly conversations: Pick<Conversations, 'list' | 'activeId' | 'open' | 'edit' | 'markSeen'>;
  readonly identity: Pick<Identity, 'isMe' | 'me'>;
  readonly extras: Pick<ConversationExtras, 'arrived'>;
  readonly toasts: Pick<ToastList, 'show'>;
}

export interface MessageFeed {
  /** Older Lobby messages exist in the room's history ("Load older"). */
  readonly lobbyMore: Signal<boolean>;
  /** A "Load older" page has been asked for and not answered yet. */
  readonly loadingOlder: Signal<boolean>;
  loadOlder(): void;
}

/** The row, marked when the message mentions us (its highlight). */
const withMention = (line: LogLine, mentioned: boolean): LogLine =>
  mentioned ? { ...line, mentioned } : line;

export function createMessageFeed(client: FeedClient, deps: MessageFeedDeps): MessageFeed {
  const { conversations, identity, extras, toasts } = deps;
  const { activeId, edit, markSeen, open: openConversation } = conversations;
  const { isMe } = identity;
  const lobbyMore = signal(false);
  const loadingOlder = signal(false);

  const onMessage = (entry: ChatEntry) => {
    const mine = isMe(entry.from);
    const mentioned = !mine && mentionsMe(entry, identity.me.value);
    const line = withMention(messageLine(entry), mentioned);
    const id = entry.type === 'msg' ? LOBBY : conversationId(mine ? entry.to : entry.from);
    if (entry.type === 'pm') openConversation(mine ? entry.to : entry.from, false);
    extras.arrived(entry.from, entry.type === 'pm' ? entry.to : null, entry.id, mine);
    const cid = entry.cid;
    if (cid !== undefined) edit(id, (lines) => settleLine(lines, cid, { ...line, cid }));
    // A copy of a row we already show (e.g. a history page that overlapped) is dropped.
    else
      edit(
        id,
        (lines) => (lines.some((l) => l.key === line.key) ? lines : appendLine(lines, line)),
        !mine,
        mentioned,
      );
    if (id === activeId.value) markSeen();
  };

  /** Earlier messages: the page a join brings (Lobby and, after a reload, our private ones) or "Load older". */
  const onHistory = (entries: readonly ChatEntry[], more: boolean, olderPage: boolean) => {
    const byPlace = new Map<string, LogLine[]>();
    for (const entry of entries) {
      const mine = isMe(entry.from);
      const place = entry.type === 'msg' ? LOBBY : conversationId(mine ? entry.to : entry.from);
      if (entry.type === 'pm') {
        openConversation(mine ? entry.to : entry.from, false);
        if (!mine) extras.arrived(entry.from, entry.to, entry.id, false);
      }
      const line = withMention(messageLine(entry, true), !mine && mentionsMe(entry, identity.me.value));
      byPlace.set(place, [...(byPlace.get(place) ?? []), line]);
    }
    for (const [place, lines] of byPlace) edit(place, (current) => mergeEarlier(current, lines));
    // `more` is about the Lobby's history, for the join page as for "Load older".
    lobbyMore.value = more;
    if (olderPage) loadingOlder.value = false;
  };

  client.on('history', (page) => onHistory(page.messages, page.more, page.before !== undefined));
  // The room refused a history page or a search for now (it does not say which; the chat store
  // shows its message): "Load older" may be pressed again. A page still on its way merges as usual.
  client.on('error', (error) => {
    if (error.code === 'too_expensive' && error.fileId === undefined) loadingOlder.value = false;
  });
  client.on('message', onMessage);
  // A reaction, edit or deletion: message ids are unique in the room, so one conversation has it.
  // An edit may add or remove a mention of us, and a tombstone mentions nobody: the row's
  // highlight follows its text now.
  client.on('messageEvent', (event) => {
    for (const c of conversations.list.peek())
      edit(c.id, (lines) => {
        const next = applyMessageEvent(lines, event);
        if (next === lines || event.type === 'reaction') return next;
        return next.map((line) => (line.id === event.id ? remarked(line, c.id === LOBBY) : line));
      });
  });

  /** The row with its mention highlight as its text has it now. */
  const remarked = (line: LogLine, lobby: boolean): LogLine => {
    const from = line.from;
    const mentioned =
      from !== undefined && !line.deleted && !isMe(from)
        ? mentionsMe({ type: lobby ? 'msg' : 'pm', from, text: line.text }, identity.me.value)
        : false;
    if (mentioned === (line.mentioned === true)) return line;
    const { mentioned: _was, ...rest } = line;
    return mentioned ? { ...rest, mentioned } : rest;
  };

  return {
    lobbyMore,
    loadingOlder,
    loadOlder() {
      const lobbyLines = conversations.list.value.find((c) => c.id === LOBBY)?.lines ?? [];
      const before = oldestId(lobbyLines);
      if (before === null || loadingOlder.value) return;
      if (client.loadOlder(before)) loadingOlder.value = true;
      else toasts.show('You are offline. Older messages load once the connection is back.');
    },
  };
}
