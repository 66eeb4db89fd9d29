// The landing view's list of public rooms, named "Rooms": each entry a link named
// "<room>, N online". The list comes from the page's directory feed (state/directory-feed.ts),
// which polls while this shows and the page is visible.

import { useEffect } from 'preact/hooks';
import { entryName } from '../state/room-list';
import { useRooms } from '../state/rooms-context';

export function RoomDirectory() {
  const { directory } = useRooms();
  useEffect(() => directory.watch(), [directory]);
  const rooms = directory.rooms.value;
  const failed = directory.failed.value;

  return (
    <section class="card rooms-card" aria-labelledby="rooms-title">
      <h2 id="rooms-title">Rooms</h2>
      {rooms === null && !failed && <p class="hint">Loading rooms…</p>}
      {failed && <p class="hint">The room list could not be loaded; it is tried again shortly.</p>}
      {rooms?.length === 0 && <p class="hint">No public rooms yet. Create one below.</p>}
      {rooms && rooms.length > 0 && (
        <ul class="room-list" aria-labelledby="rooms-title">
          {rooms.map((room) => (
            <li key={room.slug}>
              <a
                class="room-link"
                href={room.slug === 'lobby' ? '/' : `/r/${room.slug}`}
                aria-label={entryName({ label: room.slug, online: room.members })}
              >
                <span class="room-link-name">{room.slug}</span>
                <span class="room-link-count">{room.members} online</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
