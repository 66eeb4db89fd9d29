// The /admin page's state in signals: the token (kept in memory only, never stored), the rooms to
// pick from and the chosen one, the filters, the chosen room's events loaded so far with the cursor
// for older ones, and its per-hour stats for the chart.

import { batch, signal } from '@preact/signals';
import type { AdminRoom } from '#protocol/admin-rooms';
import { type AuditEvent, type AuditStats, DEFAULT_STATS_HOURS } from '#protocol/audit-events';
import { DEFAULT_ROOM } from '#protocol/room-address';
import { AdminApi, AdminApiError } from './admin-api';
import { type Filters, filtersToQuery, NO_FILTERS } from './filter-query';

const PAGE_SIZE = 100;
/** The picker lists at most this many rooms (pages of ROOMS_PAGE); `npm run logs -- --room` reaches any. */
const ROOMS_PAGE = 500;
const MAX_PICKER_ROOMS = 2_000;

export type AdminStatus = 'locked' | 'loading' | 'ready';

export function createAdminStore(origin: string) {
  /** The chosen room's API, with the token; null while locked. */
  let api: AdminApi | null = null;
  /** Bumped by every load, so that a slow answer to an older one is dropped. */
  let generation = 0;

  const status = signal<AdminStatus>('locked');
  /** The API has accepted the token: from then on only a refused token brings the prompt back. */
  const opened = signal(false);
  const rooms = signal<AdminRoom[]>([]);
  const room = signal<string>(DEFAULT_ROOM);
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
        opened.value = false;
        status.value = 'locked';
      } else if (status.value === 'loading') {
        status.value = opened.value ? 'ready' : 'locked';
      }
    });
  }

  /** Every room the deployment counts, for the picker; a failure leaves the list as it was. */
  async function loadRooms(): Promise<void> {
    const from = api;
    if (!from) return;
    const found: AdminRoom[] = [];
    let after: string | undefined;
    try {
      do {
        const page = await from.rooms({ limit: ROOMS_PAGE, ...(after === undefined ? {} : { after }) });
        found.push(...page.rooms);
        after = page.next ?? undefined;
      } while (after !== undefined && found.length < MAX_PICKER_ROOMS);
    } catch {
      // The events load reports the same failure (a refused token, an unreachable server).
      return;
    }
    if (api === from) rooms.value = found;
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
        opened.value = true;
      });
    } catch (cause) {
      if (mine === generation) fail(cause);
    }
  }

  return {
    status,
    opened,
    error,
    rooms,
    room,
    filters,
    events,
    next,
    stats,
    loadingOlder,

    /** Tries a token: the page opens if the API accepts it. */
    unlock(token: string): Promise<void> {
      api = new AdminApi(origin, token.trim()).inRoom(room.value);
      error.value = null;
      return Promise.all([load(), loadRooms()]).then(() => undefined);
    },

    lock(): void {
      api = null;
      generation++;
      batch(() => {
        status.value = 'locked';
        opened.value = false;
        events.value = [];
        stats.value = null;
        next.value = null;
        error.value = null;
        rooms.value = [];
      });
    },

    /** Reads another room: its events with the same filters, and its chart. */
    chooseRoom(value: string): Promise<void> {
      if (!api || value === room.value) return Promise.resolve();
      api = api.inRoom(value);
      batch(() => {
        room.value = value;
        events.value = [];
        next.value = null;
        stats.value = null;
      });
      return load();
    },

    applyFilters(value: Filters): Promise<void> {
      filters.value = value;
      return load();
    },

    /** The chosen room's events and chart again, and the list of rooms. */
    refresh(): Promise<void> {
      return Promise.all([load(), loadRooms()]).then(() => undefined);
    },

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
