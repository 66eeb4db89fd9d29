// Keeps the address bar on the room on screen (/ for the lobby, /r/<room>), so a reload or a
// shared link lands there, and follows Back and Forward between rooms without reloading the page.

import { effect, type ReadonlySignal } from '@preact/signals';
import { type RoomAddress, roomFromPath, roomPath } from '#protocol/room-address';

export function syncRoomUrl(
  win: Pick<Window, 'location' | 'history' | 'addEventListener'>,
  currentKey: ReadonlySignal<string>,
  show: (room: RoomAddress) => void,
): void {
  effect(() => {
    const path = currentKey.value;
    if (win.location.pathname === path) return;
    // The same room spelled another way ("/r/rust/"): tidy the address, no new history entry.
    const here = roomFromPath(win.location.pathname);
    if (here !== null && typeof here !== 'string' && roomPath(here) === path)
      win.history.replaceState(null, '', path);
    else win.history.pushState(null, '', path);
  });
  win.addEventListener('popstate', () => {
    const room = roomFromPath(win.location.pathname);
    if (room !== null && typeof room !== 'string') show(room);
  });
}
