// The composer's @mention autocomplete (ARIA listbox pattern on the "Message" textbox), built like
// the shortcode one (emoji/use-shortcode-autocomplete.ts): typing `@` lists the online names that
// match what follows; Up/Down choose, Enter or Tab inserts `@name `, Escape closes.

import { useState } from 'preact/hooks';
import { suggestionKeyDown } from '../suggestion-keys';
import type { ComposerText } from '../use-composer-text';
import {
  acceptMention,
  type MentionCandidates,
  type MentionQuery,
  mentionQueryAt,
  suggestMentions,
} from './mention-query';

export interface MentionAutocomplete {
  /** The names on show; empty while the list is closed. */
  suggestions: readonly string[];
  active: number;
  listboxId: string;
  optionId(index: number): string;
  /** For the textarea's aria-activedescendant and aria-controls. */
  activeOptionId: string | undefined;
  /** Keys for the open list; true when the key was used (the composer must not act on it). */
  onKeyDown(event: KeyboardEvent): boolean;
  choose(index: number): void;
}

const queryKey = (at: MentionQuery | null) => (at ? `${at.start}:${at.query}` : '');

export function useMentionAutocomplete(
  composer: ComposerText,
  candidates: MentionCandidates,
  listboxId: string,
): MentionAutocomplete {
  const [choice, setChoice] = useState({ key: '', index: 0 });
  /** The query Escape closed the list for; typing on reopens it. */
  const [dismissed, setDismissed] = useState('');
  const { text, caret } = composer;
  const at = mentionQueryAt(text, caret);
  const key = queryKey(at);
  const suggestions = at && key !== dismissed ? suggestMentions(at.query, candidates) : [];
  const active = choice.key === key ? Math.min(choice.index, Math.max(0, suggestions.length - 1)) : 0;
  const optionId = (index: number) => `${listboxId}-${index}`;

  const choose = (index: number) => {
    const name = suggestions[index];
    if (!at || name === undefined) return;
    composer.edit(acceptMention(text, at, name));
  };

  return {
    suggestions,
    active,
    listboxId,
    optionId,
    activeOptionId: suggestions.length > 0 ? optionId(active) : undefined,
    onKeyDown(event) {
      return suggestionKeyDown(event, {
        count: suggestions.length,
        active,
        move: (index) => setChoice({ key, index }),
        choose,
        dismiss: () => setDismissed(key),
      });
    },
    choose,
  };
}
