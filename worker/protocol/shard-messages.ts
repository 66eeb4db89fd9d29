// The sharded-room prototype's wire protocol (docs/scaling.md), simpler than the real room's
// (docs/protocol.md): a plaintext join that carries the session key, then session frames and room
// broadcast frames as in the real room. Runtime-neutral: worker/shard/ parses what members send,
// worker/protocol/shard-member.ts what the shard sends; the bench and test/worker/shard use both.

import * as v from 'valibot';
import { MAX_MESSAGE_CHARS } from './limits';

const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(32));
const Seq = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const Cid = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Base64Url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(128));

/**
 * The first frame on a socket, in text. Prototype simplification: the 32-byte session key travels
 * in the clear instead of wrapped with the room's RSA key (a once-per-socket cost, off the message
 * path). `after`: the last room seq the member has (resume), or null for "from now on".
 */
export const ShardJoin = v.strictObject({
  type: v.literal('join'),
  name: Name,
  key: Base64Url,
  after: v.nullable(Seq),
});
export type ShardJoin = v.InferOutput<typeof ShardJoin>;

/** A member's only message, sealed under its session key: a Lobby message with its exactly-once id. */
export const ShardSay = v.strictObject({
  type: v.literal('say'),
  cid: Cid,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_MESSAGE_CHARS)),
});
export type ShardSay = v.InferOutput<typeof ShardSay>;

/** One message of the room's log, as the sequencer numbered and stored it. */
export const ShardEntry = v.strictObject({
  seq: v.pipe(Seq, v.minValue(1)),
  from: Name,
  cid: Cid,
  text: v.string(),
  at: v.number(),
});
export type ShardEntry = v.InferOutput<typeof ShardEntry>;

/** What a shard sends one member, sealed under that member's session key. */
export const ShardPrivateMessage = v.variant('type', [
  v.strictObject({ type: v.literal('room_key'), epoch: Seq, key: Base64Url, verify: Base64Url }),
  /** Admitted: which shard, the room-wide member count, and the seq the live stream follows. */
  v.strictObject({ type: v.literal('joined'), shard: Seq, members: Seq, from: Seq }),
  /** Missed messages, oldest first, for this member only (a resume). */
  v.strictObject({ type: v.literal('replay'), entries: v.array(ShardEntry) }),
  /** A `say` that could not be ordered now; send it again with the same cid. */
  v.strictObject({ type: v.literal('retry'), cid: Cid }),
]);
export type ShardPrivateMessage = v.InferOutput<typeof ShardPrivateMessage>;

/** What a shard seals once under the room broadcast key for all its members: an ordered batch. */
export const ShardBatch = v.strictObject({ type: v.literal('batch'), entries: v.array(ShardEntry) });
export type ShardBatch = v.InferOutput<typeof ShardBatch>;

/** Close code: the shard lost this socket's resume state; reconnect with the last seq held. */
export const SHARD_RESUME_CLOSE = 4012;
