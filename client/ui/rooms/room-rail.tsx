// The room rail: a navigation named "Rooms" beside the chat, listing the rooms this page is in
// (first) and the directory's other public rooms (state/room-list.ts). Each entry is a link named
// "<room>, N online" whose unread count ("3 unread, mentioned") is its description; a click shows
// the room without closing the others' sockets, joining it with our name if we are not in it yet.
// Lazy: only someone in a room sees it.

import { useEffect } from 'preact/hooks';
import { roomFromPath } from '#protocol/room-address';
import { entryName, roomActivity, roomListEntries } from '../state/room-list';
import { useRooms } from '../state/rooms-context';
import { unreadBadge, unreadText } from '../state/unread';

export function RoomRail() {
  const { sessions, directory } = useRooms();
  useEffect(() => directory.watch(), [directory]);
  const open = sessions.sessions.value;
  const current = sessions.current.value;
  const entries = roomListEntries(
    open.map((s) => {
      const joined = s.store.me.value !== null;
      return {
        key: s.key,
        label: s.label,
        joined,
        online: joined ? s.store.users.value.length : null,
        ...roomActivity(s.store.conversations.value),
      };
    }),
    directory.rooms.value ?? [],
    current.key,
  );
  // The name we go by: the one on screen, or any room's.
  const name = current.store.me.value ?? open.find((s) => s.store.me.value !== null)?.store.me.value ?? null;

  return (
    <nav class="room-rail" aria-labelledby="room-rail-title">
      <h2 id="room-rail-title" class="room-rail-title">
        Rooms
      </h2>
      <ul class="room-rail-list" aria-labelledby="room-rail-title">
        {entries.map((entry, index) => {
          const badge = unreadBadge(entry.unread, entry.mentions);
          const badgeId = `room-unread-${index}`;
          return (
            <li
              key={entry.key}
              class={`room-entry${entry.current ? ' room-entry--current' : ''}${entry.joined ? ' room-entry--joined' : ''}`}
            >
              <a
                class="room-entry-link"
                href={entry.href}
                aria-label={entryName(entry)}
                aria-current={entry.current ? 'page' : undefined}
                aria-describedby={badge === null ? undefined : badgeId}
                onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
                    return;
                  const room = roomFromPath(entry.href);
                  if (room === null || typeof room === 'string') return;
                  event.preventDefault();
                  sessions.show(room, name);
                }}
              >
                <span class="room-entry-name">{entry.label}</span>
                <span class="room-entry-count" aria-hidden="true">
                  {entry.online}
                </span>
                {badge !== null && (
                  <span
                    class={`room-badge${entry.mentions > 0 ? ' room-badge--mention' : ''}`}
                    aria-hidden="true"
                  >
                    {badge}
                  </span>
                )}
              </a>
              {badge !== null && (
                // Hidden, yet still the description: aria-describedby reads hidden elements too.
                <span id={badgeId} hidden>
                  {unreadText(entry.unread, entry.mentions)}
                </span>
              )}
              {entry.joined && (
                <button
                  type="button"
                  class="room-leave"
                  aria-label={`Leave ${entry.label}`}
                  onClick={() => sessions.leave(entry.key)}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
