// The keys of a composer suggestion list (emoji shortcodes, @mentions): arrows move the choice
// round the list, Enter or Tab takes it, Escape closes the list. Shared by
// emoji/use-shortcode-autocomplete.ts and mentions/use-mention-autocomplete.ts.

export interface SuggestionList {
  /** How many suggestions show (none: the keys are the composer's). */
  count: number;
  active: number;
  move(index: number): void;
  choose(index: number): void;
  dismiss(): void;
}

/** Handles `event` for the list; false when the key is not the list's (the composer's then). */
export function suggestionKeyDown(event: KeyboardEvent, list: SuggestionList): boolean {
  if (list.count === 0 || event.isComposing) return false;
  switch (event.key) {
    case 'ArrowDown':
      list.move((list.active + 1) % list.count);
      break;
    case 'ArrowUp':
      list.move((list.active - 1 + list.count) % list.count);
      break;
    case 'Enter':
    case 'Tab':
      if (event.shiftKey) return false;
      list.choose(list.active);
      break;
    case 'Escape':
      list.dismiss();
      break;
    default:
      return false;
  }
  event.preventDefault();
  return true;
}
