// The landing view's list of public rooms, named "Rooms": each entry a link named
// "<room>, N online". Polls /api/rooms every POLL_MS while the page is visible, and at once when it
// becomes visible again.

import { useEffect, useState } from 'preact/hooks';
import type { RoomListing } from '#protocol/room-listing';
import { fetchRooms } from '../../core/rooms-api';

export const POLL_MS = 10_000;

export function RoomDirectory() {
  const [rooms, setRooms] = useState<RoomListing[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    const load = () => {
      if (document.visibilityState !== 'visible') return;
      fetchRooms().then(
        (list) => {
          if (!alive) return;
          setRooms(list);
          setFailed(false);
        },
        () => alive && setFailed(true),
      );
    };
    load();
    const timer = setInterval(load, POLL_MS);
    document.addEventListener('visibilitychange', load);
    return () => {
      alive = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', load);
    };
  }, []);

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
                aria-label={`${room.slug}, ${room.members} online`}
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
