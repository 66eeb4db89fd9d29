// The audit events as a table named "Audit events", newest first, with "Load older events" while the
// API has more for the same filters.

import type { AuditEvent } from '#protocol/audit-events';
import type { AdminStore } from './admin-store';
import { eventDetail, eventSize } from './event-text';

export function EventsTable({ store }: { store: AdminStore }) {
  const events = store.events.value;
  return (
    <div class="table-wrap">
      <table class="events">
        <caption>Audit events</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">User</th>
            <th scope="col">Peer</th>
            <th scope="col">Size</th>
            <th scope="col">Code</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
      {events.length === 0 && <p class="muted empty">No events match these filters.</p>}
      {store.next.value !== null && (
        <button
          class="button load-older"
          type="button"
          disabled={store.loadingOlder.value}
          onClick={() => void store.loadOlder()}
        >
          Load older events
        </button>
      )}
    </div>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const at = new Date(event.at);
  return (
    <tr class={`kind-${event.kind}`}>
      <td>
        <time dateTime={at.toISOString()}>{at.toLocaleString()}</time>
      </td>
      <td>{event.kind}</td>
      <td>{event.user ?? ''}</td>
      <td>{event.peer ?? ''}</td>
      <td class="number">{eventSize(event)}</td>
      <td>{event.code ?? ''}</td>
      <td class="detail">{eventDetail(event)}</td>
    </tr>
  );
}
