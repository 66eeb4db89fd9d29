// The /admin page: the token prompt until the API accepts a token, then the "Room" picker, and the
// chosen room's per-hour chart and filterable events table, with "Refresh" and "Sign out".

import type { AdminStore } from './admin-store';
import { EventFilters } from './event-filters';
import { EventsTable } from './events-table';
import { HourlyChart } from './hourly-chart';
import { RoomPicker } from './room-picker';
import { TokenForm } from './token-form';

export function AdminApp({ store }: { store: AdminStore }) {
  const locked = store.status.value === 'locked' || !store.opened.value;
  return (
    <>
      <header class="admin-header">
        <h1>ChatSpace audit log</h1>
        {!locked && (
          <div class="header-actions">
            <button class="button" type="button" onClick={() => void store.refresh()}>
              Refresh
            </button>
            <button class="button" type="button" onClick={() => store.lock()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main class="admin-main" aria-busy={store.status.value === 'loading'}>
        {locked ? (
          <TokenForm store={store} />
        ) : (
          <>
            <RoomPicker store={store} />
            {store.error.value && (
              <p class="alert" role="alert">
                {store.error.value}
              </p>
            )}
            {store.stats.value && <HourlyChart stats={store.stats.value} />}
            <section class="card" aria-labelledby="events-title">
              <h2 id="events-title">Events</h2>
              <EventFilters store={store} />
              <EventsTable store={store} />
            </section>
          </>
        )}
      </main>
    </>
  );
}
