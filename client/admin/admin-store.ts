// The /admin page's state in signals: the token (kept in memory only, never stored), the filters,
// the events loaded so far with the cursor for older ones, and the per-hour stats for the chart.

import { batch, signal } from '@preact/signals';
import { type AuditEvent, type AuditStats, DEFAULT_STATS_HOURS } from '#protocol/audit-events';
import { AdminApi, AdminApiError } from './admin-api';
import { type Filters, filtersToQuery, NO_FILTERS } from './filter-query';

const PAGE_SIZE = 100;

export type AdminStatus = 'locked' | 'loading' | 'ready';

export function createAdminStore(origin: string) {
  let api: AdminApi | null = null;
  /** Bumped by every load, so that a slow answer to an older one is dropped. */
  let generation = 0;

  const status = signal<AdminStatus>('locked');
  const error = signal<string | null>(null);
  const filters = signal<Filters>(NO_FILTERS);
  const events = signal<AuditEvent[]>([]);
  const next = signal<number | null>(null);
  const stats = signal<AuditStats | null>(null);
  const loadingOlder = signal(false);

  function fail(cause: unknown): void {
    const message = cause instanceof Error ? cause.message : 'Something went wrong.';
    batch(() => {
      error.value = message;
      // A refused token (or an API that is off) goes back to the prompt.
      if (
        cause instanceof AdminApiError &&
        (cause.failure === 'unauthorized' || cause.failure === 'disabled')
      ) {
        api = null;
        status.value = 'locked';
      } else if (status.value === 'loading') {
        status.value = events.value.length > 0 ? 'ready' : 'locked';
      }
    });
  }

  /** Loads the first page for the current filters, and the chart. */
  async function load(): Promise<void> {
    if (!api) return;
    const mine = ++generation;
    status.value = 'loading';
    try {
      const [page, hourly] = await Promise.all([
        api.events({ ...filtersToQuery(filters.value), limit: PAGE_SIZE }),
        api.stats(DEFAULT_STATS_HOURS),
      ]);
      if (mine !== generation) return;
      batch(() => {
        events.value = page.events;
        next.value = page.next;
        stats.value = hourly;
        error.value = null;
        status.value = 'ready';
      });
    } catch (cause) {
      if (mine === generation) fail(cause);
    }
  }

  return {
    status,
    error,
    filters,
    events,
    next,
    stats,
    loadingOlder,

    /** Tries a token: the page opens if the API accepts it. */
    unlock(token: string): Promise<void> {
      api = new AdminApi(origin, token.trim());
      error.value = null;
      return load();
    },

    lock(): void {
      api = null;
      generation++;
      batch(() => {
        status.value = 'locked';
        events.value = [];
        stats.value = null;
        next.value = null;
        error.value = null;
      });
    },

    applyFilters(value: Filters): Promise<void> {
      filters.value = value;
      return load();
    },

    refresh: load,

    /** The next page of older events for the same filters. */
    async loadOlder(): Promise<void> {
      const before = next.value;
      if (!api || before === null || loadingOlder.value) return;
      const mine = generation;
      loadingOlder.value = true;
      try {
        const page = await api.events({ ...filtersToQuery(filters.value), limit: PAGE_SIZE, before });
        if (mine !== generation) return;
        batch(() => {
          events.value = [...events.value, ...page.events];
          next.value = page.next;
        });
      } catch (cause) {
        fail(cause);
      } finally {
        loadingOlder.value = false;
      }
    },
  };
}

export type AdminStore = ReturnType<typeof createAdminStore>;
