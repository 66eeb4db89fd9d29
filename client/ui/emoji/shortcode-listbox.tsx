// The shortcode suggestions under the composer's textbox (role="listbox"). Options are picked by
// the textbox's arrow keys (aria-activedescendant) or by a click, which must not take focus
// from the textbox.

import type { ShortcodeAutocomplete } from './use-shortcode-autocomplete';

export function ShortcodeListbox({ autocomplete }: { autocomplete: ShortcodeAutocomplete }) {
  const { suggestions, active, listboxId, optionId, choose } = autocomplete;
  const count = suggestions.length;
  return (
    <>
      {count > 0 && (
        <div id={listboxId} role="listbox" aria-label="Emoji shortcodes" class="shortcodes">
          {suggestions.map(([code, emoji], index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the textbox handles the keys (aria-activedescendant)
            <div
              key={code}
              id={optionId(index)}
              role="option"
              // Reachable through the textbox's aria-activedescendant, never by Tab.
              tabIndex={-1}
              aria-selected={index === active}
              class={`shortcode${index === active ? ' shortcode--active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span class="shortcode-emoji">{emoji}</span> <span class="shortcode-code">:{code}:</span>
            </div>
          ))}
        </div>
      )}
      <p class="visually-hidden" aria-live="polite">
        {count > 0
          ? `${count} emoji ${count === 1 ? 'suggestion' : 'suggestions'}: Up and Down to choose, Enter to insert.`
          : ''}
      </p>
    </>
  );
}
