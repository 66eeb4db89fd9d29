// The conversation protocol beyond sending messages: history pages and search (the room's SQLite
// keeps recent messages), typing signals and read receipts. Schemas for both directions, shared by
// the room and its clients; the room parses every inbound one with these.
//
// History:  client history {before, limit} → room history {messages, more, before}. A join sends a
//           first page by itself; a resumed join replays what was missed as ordinary msg/pm.
// Search:   client search {query} → room search_results {query, messages} (Lobby only, FTS5).
// Typing:   client typing {to?} at most every TYPING_SIGNAL_MS → room typing {names, private},
//           coalesced per conversation (worker/room/typing-batcher.ts).
// Receipts: client receipt {from, delivered?, seen?}: "every private message from `from` up to this
//           id" → the sender gets receipt {peer, delivered, seen}. Cumulative, so one frame covers many.

import * as v from 'valibot';
import { SealedEnvelope } from './e2e-messages';
import { MAX_HISTORY_PAGE, MAX_SEARCH_CHARS } from './limits';
import { MESSAGE_STATE_FIELDS } from './message-state';

/** Message ids are the room's SQLite row ids: positive, increasing, stable. */
export const MessageId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const Name = v.string();
const Time = v.number();

// ---- messages, live or from history --------------------------------------------------------

export const ChatMessage = v.object({
  type: v.literal('msg'),
  /** Stable and increasing: the room's SQLite row id. Clients drop a second copy by id. */
  id: v.number(),
  from: Name,
  text: v.string(),
  /** The sender's clock. */
  ts: Time,
  /** The room's clock: authoritative. */
  at: Time,
  /** Only on the sender's own echo. */
  cid: v.optional(v.number()),
  ...MESSAGE_STATE_FIELDS,
});
export const DirectMessage = v.object({
  type: v.literal('pm'),
  id: v.number(),
  from: Name,
  to: Name,
  /** A plaintext private message (the recipient had published no keys)… */
  text: v.optional(v.string()),
  /** …or one sealed end to end, which only the two sessions in it can open. */
  envelope: v.optional(SealedEnvelope),
  ts: Time,
  at: Time,
  cid: v.optional(v.number()),
  ...MESSAGE_STATE_FIELDS,
});

// ---- client → room ------------------------------------------------------------------------

export const HistoryRequest = v.object({
  type: v.literal('history'),
  /** Public messages older than this id. */
  before: MessageId,
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_HISTORY_PAGE))),
});
export const SearchRequest = v.object({
  type: v.literal('search'),
  query: v.pipe(v.string(), v.maxLength(MAX_SEARCH_CHARS)),
});
export const TypingSignal = v.object({
  type: v.literal('typing'),
  /** The private peer; absent for the Lobby. */
  to: v.optional(Name),
});
export const ReceiptUpdate = v.object({
  type: v.literal('receipt'),
  /** Who sent the private messages being acknowledged. */
  from: Name,
  delivered: v.optional(MessageId),
  seen: v.optional(MessageId),
});

export const CONVERSATION_CLIENT_SCHEMAS = {
  history: HistoryRequest,
  search: SearchRequest,
  typing: TypingSignal,
  receipt: ReceiptUpdate,
} as const;

// ---- room → client ------------------------------------------------------------------------

/** A page of earlier messages, oldest first. */
export const HistoryPage = v.object({
  type: v.literal('history'),
  messages: v.array(v.variant('type', [ChatMessage, DirectMessage])),
  /** Older public messages exist before the first one here. */
  more: v.boolean(),
  /** Echoes the request's `before`; absent for the page a join sends. */
  before: v.optional(v.number()),
});
export const SearchResults = v.object({
  type: v.literal('search_results'),
  query: v.string(),
  /** Matching Lobby messages, newest first. */
  messages: v.array(ChatMessage),
});
export const TypingNotice = v.object({
  type: v.literal('typing'),
  /** Who typed recently in that conversation (never the recipient itself). */
  names: v.array(Name),
  /** True for a private conversation: `names` is then the peer alone. */
  private: v.boolean(),
});
export const ReceiptNotice = v.object({
  type: v.literal('receipt'),
  /** The recipient of our private messages. */
  peer: Name,
  /** Every private message to `peer` up to this id was decrypted by their client (0: none yet). */
  delivered: v.number(),
  /** …and shown in a focused, visible window. */
  seen: v.number(),
});

export const CONVERSATION_SERVER_SCHEMAS = [HistoryPage, SearchResults, TypingNotice, ReceiptNotice] as const;
