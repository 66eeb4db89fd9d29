// Lobby search: a "Search messages" box and the matching messages from the room's history, newest
// first, with the matching words marked, formatted as in the log (message-text.tsx). Results are
// text and elements, never HTML.

import { MAX_SEARCH_RESULTS } from '#protocol/limits';
import { formatTime } from './format/time';
import { MessageText } from './message-text';
import type { SearchState } from './state/search-state';

export function SearchPanel({ search, hour12 }: { search: SearchState; hour12: boolean }) {
  const results = search.results.value;
  const query = search.query.value;
  const problem = search.problem.value;
  return (
    // Escape anywhere in the search closes its results, like the "Close search" button.
    <section
      class="search"
      aria-label="Search the Lobby"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && (results !== null || problem !== null)) {
          event.preventDefault();
          search.clear();
        }
      }}
    >
      <search>
        <form
          class="search-form"
          onSubmit={(event) => {
            event.preventDefault();
            const text = new FormData(event.currentTarget).get('q');
            if (typeof text === 'string' && text.trim() !== '') search.run(text.trim());
          }}
        >
          <label class="visually-hidden" for="search-input">
            Search messages
          </label>
          <input
            id="search-input"
            name="q"
            type="search"
            class="search-input"
            placeholder="Search the Lobby"
            maxLength={200}
          />
          <button type="submit" class="button button--small">
            Search
          </button>
          {(results !== null || problem !== null) && (
            <button type="button" class="button button--small" onClick={() => search.clear()}>
              Close search
            </button>
          )}
        </form>
      </search>
      {search.pending.value && <p class="search-note">Searching…</p>}
      {problem !== null && <p class="search-note">{problem}</p>}
      {results !== null && !search.pending.value && (
        <section class="search-results" aria-label="Search results">
          <p class="search-note">
            {results.length === 0
              ? `No messages match “${query}”.`
              : results.length >= MAX_SEARCH_RESULTS
                ? `The ${results.length} newest matches for “${query}”:`
                : `${results.length} found for “${query}”:`}
          </p>
          <ul>
            {results.map((m) => (
              <li key={m.id} class="search-result">
                {/* Names bidi-isolated, text formatted and marked as in a log row. */}
                <span class="row-who">
                  (<bdi>{m.from}</bdi>)
                </span>{' '}
                <span class="row-time">({formatTime(m.at, hour12)})</span>:{' '}
                <MessageText text={m.text} query={query} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
