// What a reaction chip says: its accessible name "🔥 2, reacted by alice and bob" (names from the
// room's summary, oldest first; "and 3 others" when the count is more than the names listed), and
// whether one of the reactions is ours. Pure; reaction-chips.tsx uses it.
// Tested in test/unit/client/ui/format/reaction-label.test.ts.

import type { ReactionSummary } from '#protocol/message-state';

/** "alice", "alice and bob", "alice, bob and carol", "alice, bob and 3 others". */
export function reactorList(names: readonly string[], count: number): string {
  const others = Math.max(0, count - names.length);
  const parts = others > 0 ? [...names, others === 1 ? '1 other' : `${others} others`] : [...names];
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function reactionLabel(reaction: ReactionSummary): string {
  const who = reactorList(reaction.names, reaction.count);
  return who === ''
    ? `${reaction.emoji} ${reaction.count}`
    : `${reaction.emoji} ${reaction.count}, reacted by ${who}`;
}

/**
 * Whether we are among those who reacted. The summary names at most REACTION_NAMES_SHOWN people
 * (the oldest): on an emoji with more, a late reaction of ours is not seen as ours.
 */
export function reactedByMe(reaction: ReactionSummary, isMe: (name: string) => boolean): boolean {
  return reaction.names.some(isMe);
}
