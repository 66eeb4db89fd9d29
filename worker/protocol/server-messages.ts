// What the room sends inside its encrypted frames. The room builds them with `satisfies`;
// clients parse them from `unknown` with these schemas.

import * as v from 'valibot';
import { RoomKeyMessage } from './broadcast-messages';
import { ChatMessage, CONVERSATION_SERVER_SCHEMAS, DirectMessage } from './conversation-messages';
import { E2E_SERVER_SCHEMAS, MemberKeys, PublishedKeys } from './e2e-messages';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import { FILE_SERVER_SCHEMAS, FileId } from './file-messages';
import { MESSAGE_EVENT_SERVER_SCHEMAS } from './message-events';
import { MODERATION_SERVER_SCHEMAS, RoomSettings } from './moderation-messages';

const Name = v.string();
const Time = v.number();

export const LeaveReason = v.picklist(['left', 'timeout', 'kicked']);
export type LeaveReason = v.InferOutput<typeof LeaveReason>;

export const JoinedMessage = v.object({
  type: v.literal('joined'),
  name: Name,
  /** Presents this on reconnect to take the name back; the room keeps only its hash. */
  token: v.string(),
  users: v.array(Name),
  resumed: v.boolean(),
  at: Time,
  /**
   * Resumed joins only, when there are any: the name's uploads the room still has in progress, so
   * a page that reloaded mid-upload (and lost the file) cancels them instead of holding their slots.
   */
  uploads: v.optional(v.array(FileId)),
  /** The end-to-end keys of the members (and reserved names) that have published any. */
  keys: v.optional(v.array(MemberKeys)),
  /** The room's topic, visibility and slow mode (moderation-messages.ts); the room always sends it. */
  room: v.optional(RoomSettings),
  /** The join proved the owner token or the ADMIN_TOKEN: the owner frames are open to this socket. */
  owner: v.optional(v.literal(true)),
  /** This member is muted until then (the room's clock): it may read, not send. */
  mutedUntil: v.optional(Time),
});
export const PresenceChange = v.variant('change', [
  v.object({ change: v.literal('join'), name: Name }),
  v.object({ change: v.literal('leave'), name: Name, reason: LeaveReason }),
  /** `name` published new end-to-end keys (after its join, and at every prekey rotation). */
  v.object({ change: v.literal('keys'), name: Name, keys: PublishedKeys }),
]);
export type PresenceChange = v.InferOutput<typeof PresenceChange>;
/** Joins and leaves gathered over a few milliseconds, in the order they happened. */
export const PresenceMessage = v.object({
  type: v.literal('presence'),
  changes: v.array(PresenceChange),
  count: v.number(),
});
export { ChatMessage, DirectMessage };

export const ErrorMessage = v.object({
  type: v.literal('error'),
  code: v.picklist(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]),
  message: v.string(),
  /** The client message id the error is about, when there is one. */
  cid: v.optional(v.number()),
  /** `banned`, `muted`, `slow_mode`: how long until it ends, in ms. */
  retryMs: v.optional(v.number()),
  /** The file transfer the error is about: its id, or the client's `ref` for a refused file_offer. */
  fileId: v.optional(v.string()),
  ref: v.optional(v.number()),
});

/** Answers a resent message the room had already handled before a reconnect. */
export const AckMessage = v.object({ type: v.literal('ack'), cid: v.number() });

export const ServerMessage = v.variant('type', [
  ...FILE_SERVER_SCHEMAS,
  ...CONVERSATION_SERVER_SCHEMAS,
  ...MESSAGE_EVENT_SERVER_SCHEMAS,
  ...E2E_SERVER_SCHEMAS,
  ...MODERATION_SERVER_SCHEMAS,
  JoinedMessage,
  AckMessage,
  PresenceMessage,
  ChatMessage,
  DirectMessage,
  ErrorMessage,
  RoomKeyMessage,
]);
export type ServerMessage = v.InferOutput<typeof ServerMessage>;

/**
 * A frame holding several messages, in order. The room sends one when a recipient has more than
 * one message waiting at a flush; it is a container, not a message of its own.
 */
export const BatchFrame = v.object({ type: v.literal('batch'), messages: v.array(v.unknown()) });
export type ServerMessageOf<K extends ServerMessage['type']> = Extract<ServerMessage, { type: K }>;
