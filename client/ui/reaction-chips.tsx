// The reactions under a message: one chip per emoji with its count, ours highlighted
// (aria-pressed), named "🔥 2, reacted by alice and bob"; hovering or focusing a chip shows who
// reacted. Pressing a chip toggles our reaction. Emoji and count are drawn from data attributes by
// CSS, so the row's text content stays `(Global) (alice) (14:23:15): text`.

import type { ReactionSummary } from '#protocol/message-state';
import { reactedByMe, reactionLabel, reactorList } from './format/reaction-label';

interface ReactionChipsProps {
  reactions: readonly ReactionSummary[];
  isMe: (name: string) => boolean;
  onToggle: (emoji: string, on: boolean) => void;
}

export function ReactionChips({ reactions, isMe, onToggle }: ReactionChipsProps) {
  return (
    <fieldset class="reactions" aria-label="Reactions">
      {reactions.map((reaction) => {
        const mine = reactedByMe(reaction, isMe);
        return (
          <button
            key={reaction.emoji}
            type="button"
            class={`reaction${mine ? ' reaction--mine' : ''}`}
            aria-pressed={mine}
            aria-label={reactionLabel(reaction)}
            data-emoji={reaction.emoji}
            data-count={String(reaction.count)}
            data-who={reactorList(reaction.names, reaction.count)}
            onClick={() => onToggle(reaction.emoji, !mine)}
          />
        );
      })}
    </fieldset>
  );
}
