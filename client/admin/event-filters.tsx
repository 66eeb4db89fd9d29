// The filters above the events table: "Kind" (one kind, or every error kind), "User" (either side,
// ignoring case), and a "From"/"To" range in local time. "Apply filters" reloads the table.

import { useState } from 'preact/hooks';
import { AUDIT_KINDS } from '../../worker/protocol/audit-events';
import type { AdminStore } from './admin-store';
import { ALL_ERRORS, type Filters, NO_FILTERS } from './filter-query';

export function EventFilters({ store }: { store: AdminStore }) {
  const [draft, setDraft] = useState<Filters>(store.filters.value);
  const set = (field: keyof Filters) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [field]: event.currentTarget.value });
  return (
    <form
      class="filters"
      aria-label="Filter events"
      onSubmit={(event) => {
        event.preventDefault();
        void store.applyFilters(draft);
      }}
    >
      <label>
        <span class="field-label">Kind</span>
        <select class="text-input" value={draft.kind} onChange={set('kind')}>
          <option value="">All kinds</option>
          <option value={ALL_ERRORS}>All errors</option>
          {AUDIT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span class="field-label">User</span>
        <input
          class="text-input"
          value={draft.user}
          onInput={set('user')}
          autocapitalize="off"
          spellcheck={false}
        />
      </label>
      <label>
        <span class="field-label">From</span>
        <input class="text-input" type="datetime-local" value={draft.from} onInput={set('from')} />
      </label>
      <label>
        <span class="field-label">To</span>
        <input class="text-input" type="datetime-local" value={draft.to} onInput={set('to')} />
      </label>
      <div class="filter-actions">
        <button class="button button--primary" type="submit">
          Apply filters
        </button>
        <button
          class="button"
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            void store.applyFilters(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
