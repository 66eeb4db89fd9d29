// Events that refer to a stored message by its id: reactions, edits and deletions, both directions.
// The room stores each as a row in the same id sequence as the messages (worker/room/messages), so
// history, resume replay (`since`) and search see them in order. Tested in
// test/unit/worker/protocol/message-events.test.ts and test/worker/message-events.test.ts.
//
// react  {id, emoji, on}  → reaction {id, seq, reactions}: the message's whole reaction state,
//                           coalesced per message like typing (worker/room/reaction-batcher.ts).
// edit   {id, text}       → edited {id, seq, text, editedAt}: the author only, within EDIT_WINDOW_MS;
//                           a private message sealed end to end is refused (sealed_message).
// delete {id}            → deleted {id, seq}: the author, or the operator through the admin API.
// `seq` is the event's place in the room's order: a client counts it with the message ids when it
// resumes with `since`. On a private message the event reaches only its two parties.

import * as v from 'valibot';
import { MessageId } from './conversation-messages';
import { ReactionSummary } from './message-state';

export { ReactionSummary };

/** The author may edit a message for this long after the room stored it. */
export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * Distinct emoji a message may carry unless the MAX_REACTIONS_PER_MESSAGE setting says otherwise
 * (worker/config.ts); one more is refused with `too_many_reactions`.
 */
export const DEFAULT_MAX_REACTIONS_PER_MESSAGE = 20;
/** Names listed per emoji in a `reaction` frame (the oldest first); `count` is always exact. */
export const REACTION_NAMES_SHOWN = 20;
/** A family or a flag with modifiers is long in UTF-16; anything longer is not one emoji. */
export const MAX_EMOJI_UNITS = 32;

/**
 * One emoji grapheme, without the `v` flag's \p{RGI_Emoji} (the shared code targets ES2022):
 * a pictograph with optional variation selector, skin tone or keycap mark, joined by ZWJ to more of
 * the same; or a pair of regional indicators (a flag); or a keycap (digit, # or *, FE0F, 20E3).
 */
const PICTOGRAPH = '\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier})*';
const EMOJI = new RegExp(
  `^(?:${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})*|\\p{Regional_Indicator}{2}|[0-9#*]\\uFE0F?\\u20E3)$`,
  'u',
);

export function isEmoji(text: string): boolean {
  return text.length <= MAX_EMOJI_UNITS && EMOJI.test(text);
}

export const Emoji = v.pipe(v.string(), v.maxLength(MAX_EMOJI_UNITS), v.check(isEmoji, 'one emoji'));

// ---- client → room ------------------------------------------------------------------------

export const ReactRequest = v.object({
  type: v.literal('react'),
  id: MessageId,
  emoji: Emoji,
  /** true adds this person's reaction, false takes it back; either is a no-op when already so. */
  on: v.boolean(),
});
export const EditRequest = v.object({ type: v.literal('edit'), id: MessageId, text: v.string() });
export const DeleteRequest = v.object({ type: v.literal('delete'), id: MessageId });

export const MESSAGE_EVENT_CLIENT_SCHEMAS = {
  react: ReactRequest,
  edit: EditRequest,
  delete: DeleteRequest,
} as const;

// ---- room → client ------------------------------------------------------------------------

/** The message's reactions now, in the order each emoji was first used (empty: none left). */
export const ReactionNotice = v.object({
  type: v.literal('reaction'),
  id: v.number(),
  seq: v.number(),
  reactions: v.array(ReactionSummary),
});
/** The message's latest text: the room keeps no earlier one. */
export const EditedNotice = v.object({
  type: v.literal('edited'),
  id: v.number(),
  seq: v.number(),
  text: v.string(),
  editedAt: v.number(),
});
/** The message is a tombstone now: its text is gone from the room, its reactions too. */
export const DeletedNotice = v.object({ type: v.literal('deleted'), id: v.number(), seq: v.number() });

export const MESSAGE_EVENT_SERVER_SCHEMAS = [ReactionNotice, EditedNotice, DeletedNotice] as const;
