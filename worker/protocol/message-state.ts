// What a stored message carries besides its text, wherever it appears (history pages, resume
// replay, search): its reply target, its last edit, its tombstone and its reactions. Kept apart from
// message-events.ts so that conversation-messages.ts can use it without an import cycle.

import * as v from 'valibot';

export const ReactionSummary = v.object({
  emoji: v.string(),
  count: v.number(),
  /** Who reacted, oldest first, at most REACTION_NAMES_SHOWN of them. */
  names: v.array(v.string()),
});
export type ReactionSummary = v.InferOutput<typeof ReactionSummary>;

/** What a stored message carries besides its text, in history pages, replay and search. */
export const MESSAGE_STATE_FIELDS = {
  /** The message this one answers. */
  reply_to: v.optional(v.number()),
  /** When the author last edited it (room clock); `text` is then the latest text. */
  editedAt: v.optional(v.number()),
  /** A tombstone: `text` is empty. */
  deleted: v.optional(v.literal(true)),
  reactions: v.optional(v.array(ReactionSummary)),
};
