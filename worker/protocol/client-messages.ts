// What a client may send inside its encrypted frames, as valibot schemas. The room parses every
// inbound frame from `unknown` with these before it stores or forwards anything. (Binary payloads,
// file chunks and flow acks, have their own codecs: chunk-codec.ts, flow-ack-codec.ts.)

import * as v from 'valibot';
import { CONVERSATION_CLIENT_SCHEMAS, MessageId } from './conversation-messages';
import { E2E_CLIENT_SCHEMAS, SealedEnvelope } from './e2e-messages';
import { FILE_CLIENT_SCHEMAS } from './file-messages';
import { MESSAGE_EVENT_CLIENT_SCHEMAS } from './message-events';
import { MODERATION_CLIENT_SCHEMAS } from './moderation-requests';

const Text = v.string();
/** Longer than any sensible secret; the room hashes what it is given, so it is bounded. */
const MAX_ADMIN_TOKEN_LENGTH = 512;
/** The client's own clock, in ms since the epoch; the room checks it for skew. */
const ClientTime = v.pipe(v.number(), v.integer(), v.minValue(0));
/** The client's id for a message it sends, echoed back so it can match its queue. */
const ClientId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const AuthMessage = v.object({ type: v.literal('auth'), challenge: v.string() });
export const JoinMessage = v.object({
  type: v.literal('join'),
  name: v.string(),
  resume: v.optional(v.string()),
  /** With `resume`: the newest message id this client has; the room replays everything after it. */
  since: v.optional(v.union([v.literal(0), MessageId])),
  /**
   * The deployment's ADMIN_TOKEN, from the room admin only (it travels inside the encrypted channel):
   * the socket may then mention @everyone. A wrong one refuses the join with `not_admin`.
   */
  admin: v.optional(v.pipe(v.string(), v.maxLength(MAX_ADMIN_TOKEN_LENGTH))),
  /**
   * The room's owner token (POST /api/rooms gave it to the creator), or the ADMIN_TOKEN: the socket
   * may then use the owner frames (moderation-messages.ts). A wrong one refuses the join with `not_owner`.
   */
  owner: v.optional(v.pipe(v.string(), v.maxLength(MAX_ADMIN_TOKEN_LENGTH))),
});
/** The message being answered (message-events.ts); the room checks the sender may see it. */
const ReplyTo = v.optional(MessageId);
export const PublicMessage = v.object({
  type: v.literal('msg'),
  cid: ClientId,
  text: Text,
  ts: ClientTime,
  reply_to: ReplyTo,
});
/**
 * A private message: `envelope` when it is sealed end to end (worker/protocol/e2e-messages.ts), else
 * `text` (only when the recipient has published no keys). Exactly one of the two.
 */
export const PrivateMessage = v.pipe(
  v.object({
    type: v.literal('pm'),
    cid: ClientId,
    to: v.string(),
    text: v.optional(Text),
    envelope: v.optional(SealedEnvelope),
    ts: ClientTime,
    reply_to: ReplyTo,
  }),
  // Reported as a problem with `text`, the field a plaintext client is missing.
  v.forward(
    v.check((m) => (m.text === undefined) !== (m.envelope === undefined), 'text or envelope, not both'),
    ['text'],
  ),
);

export const CLIENT_SCHEMAS = {
  auth: AuthMessage,
  join: JoinMessage,
  msg: PublicMessage,
  pm: PrivateMessage,
  ...CONVERSATION_CLIENT_SCHEMAS,
  ...E2E_CLIENT_SCHEMAS,
  ...FILE_CLIENT_SCHEMAS,
  ...MESSAGE_EVENT_CLIENT_SCHEMAS,
  ...MODERATION_CLIENT_SCHEMAS,
} as const;

export type ClientMessageType = keyof typeof CLIENT_SCHEMAS;
export type ClientMessage = {
  [K in ClientMessageType]: v.InferOutput<(typeof CLIENT_SCHEMAS)[K]>;
}[ClientMessageType];
export type ClientMessageOf<K extends ClientMessageType> = Extract<ClientMessage, { type: K }>;
