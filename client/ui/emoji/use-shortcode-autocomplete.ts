// The composer's shortcode autocomplete (ARIA listbox pattern on the "Message" textbox): typing
// `:` and two letters lists matching emoji; Up/Down choose, Enter or Tab inserts, Escape closes;
// a complete `:shortcode:` becomes its emoji as it is typed. The table loads on the first colon.

import { useEffect, useState } from 'preact/hooks';
import { suggestionKeyDown } from '../suggestion-keys';
import type { ComposerText } from '../use-composer-text';
import { loadedShortcodes, loadShortcodes } from './load-shortcodes';
import {
  acceptSuggestion,
  completeAllShortcodes,
  completeShortcodeAt,
  type ShortcodePair,
  type ShortcodeQuery,
  type ShortcodeTable,
  shortcodeQueryAt,
  suggestShortcodes,
} from './shortcodes';

export interface ShortcodeAutocomplete {
  /** The suggestions on show; empty while the list is closed. */
  suggestions: readonly ShortcodePair[];
  active: number;
  listboxId: string;
  optionId(index: number): string;
  /** For the textarea's aria-activedescendant and aria-controls. */
  activeOptionId: string | undefined;
  /** The textarea's input: updates the text, turning a just-completed shortcode into its emoji. */
  onInput(element: HTMLTextAreaElement, composing: boolean): void;
  /** Keys for the open list; true when the key was used (the composer must not act on it). */
  onKeyDown(event: KeyboardEvent): boolean;
  choose(index: number): void;
}

const queryKey = (at: ShortcodeQuery | null) => (at ? `${at.start}:${at.query}` : '');

export function useShortcodeAutocomplete(composer: ComposerText, listboxId: string): ShortcodeAutocomplete {
  const [table, setTable] = useState<ShortcodeTable | null>(loadedShortcodes);
  const [choice, setChoice] = useState({ key: '', index: 0 });
  /** The query Escape closed the list for; typing on reopens it. */
  const [dismissed, setDismissed] = useState('');
  const { text, caret } = composer;

  const request = () => {
    if (table) return;
    loadShortcodes().then(setTable, () => {
      // Offline or a failed chunk: no suggestions this time; the next colon asks again.
    });
  };

  useEffect(() => {
    // The table arrived while someone typed: convert the shortcodes they completed meanwhile.
    // From the latest text: keys pressed since this render must not be lost.
    if (!table) return;
    composer.editLatest((current) => completeAllShortcodes(table, current.text, current.caret));
    // Only when the table arrives; later input is handled in onInput.
  }, [table]);

  const at = table ? shortcodeQueryAt(text, caret) : null;
  const key = queryKey(at);
  const suggestions = table && at && key !== dismissed ? suggestShortcodes(table, at.query) : [];
  const active = choice.key === key ? Math.min(choice.index, Math.max(0, suggestions.length - 1)) : 0;
  const optionId = (index: number) => `${listboxId}-${index}`;

  const choose = (index: number) => {
    const pair = suggestions[index];
    if (!at || !pair) return;
    composer.edit(acceptSuggestion(text, at, pair[1]));
  };

  return {
    suggestions,
    active,
    listboxId,
    optionId,
    activeOptionId: suggestions.length > 0 ? optionId(active) : undefined,
    onInput(element, composing) {
      const value = element.value;
      const position = element.selectionStart;
      // Not while an input method is composing: the text is not final yet.
      const done = table && !composing ? completeShortcodeAt(table, value, position) : null;
      if (done) composer.edit(done);
      else composer.typed(value, position);
      if (!table && shortcodeQueryAt(value, position, 1)) request();
    },
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
