// The @mention suggestions under the composer's textbox (role="listbox", "Mention suggestions").
// Options are picked by the textbox's arrow keys (aria-activedescendant) or by a click, which must
// not take focus from the textbox.

import type { MentionAutocomplete } from './use-mention-autocomplete';

export function MentionListbox({ autocomplete }: { autocomplete: MentionAutocomplete }) {
  const { suggestions, active, listboxId, optionId, choose } = autocomplete;
  const count = suggestions.length;
  return (
    <>
      {count > 0 && (
        <div id={listboxId} role="listbox" aria-label="Mention suggestions" class="shortcodes mentions">
          {suggestions.map((name, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the textbox handles the keys (aria-activedescendant)
            <div
              key={name}
              id={optionId(index)}
              role="option"
              // Reachable through the textbox's aria-activedescendant, never by Tab.
              tabIndex={-1}
              aria-selected={index === active}
              class={`shortcode${index === active ? ' shortcode--active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span class="shortcode-code">@{name}</span>
            </div>
          ))}
        </div>
      )}
      <p class="visually-hidden" aria-live="polite">
        {count > 0
          ? `${count} ${count === 1 ? 'name' : 'names'} to mention: Up and Down to choose, Enter to insert.`
          : ''}
      </p>
    </>
  );
}
