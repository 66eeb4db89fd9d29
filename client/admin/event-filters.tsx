// The filters above the events table: "Kind" (one kind, or every error kind), "User" (either side,
// ignoring case), and a "From"/"To" range in local time. "Apply filters" reloads the table.

import { useState } from 'preact/hooks';
import { AUDIT_KINDS } from '#protocol/audit-events';
import type { AdminStore } from './admin-store';
import { ALL_ERRORS, type Filters, NO_FILTERS } from './filter-query';

export function EventFilters({ store }: { store: AdminStore }) {
  const [draft, setDraft] = useState<Filters>(store.filters.value);
  // Functional updates: two quick edits between renders must not undo each other.
  const set = (field: keyof Filters) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [field]: value }));
  };
  return (
    <form
      class="filters"
      aria-label="Filter events"
      onSubmit={(event) => {
        event.preventDefault();
        // What the form shows now, even if a click lands before the last edit re-rendered.
        const form = new FormData(event.currentTarget);
        const field = (name: keyof Filters) => String(form.get(name) ?? '');
        const shown: Filters = {
          kind: field('kind'),
          user: field('user'),
          from: field('from'),
          to: field('to'),
        };
        setDraft(shown);
        void store.applyFilters(shown);
      }}
    >
      <label>
        <span class="field-label">Kind</span>
        <select class="text-input" name="kind" value={draft.kind} onChange={set('kind')}>
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
          name="user"
          value={draft.user}
          onInput={set('user')}
          autocapitalize="off"
          spellcheck={false}
        />
      </label>
      <label>
        <span class="field-label">From</span>
        <input
          class="text-input"
          type="datetime-local"
          name="from"
          value={draft.from}
          onInput={set('from')}
        />
      </label>
      <label>
        <span class="field-label">To</span>
        <input class="text-input" type="datetime-local" name="to" value={draft.to} onInput={set('to')} />
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
