// The rooms this tab has joined, in the order it joined them. Kept in sessionStorage beside each
// room's resume token (room-scope.ts), so a reload opens every one of them again and takes each
// name back. Pure; room-sessions.ts holds the live set. Tested in test/unit/client/ui/state/joined-rooms.test.ts.

import * as v from 'valibot';
import { type RoomAddress, roomFromPath, roomPath } from '#protocol/room-address';
import type { SimpleStorage } from './safe-storage';

const KEY = 'chatspace:rooms';
/** One WebSocket per room: a page holds at most this many rooms at once. */
export const JOINED_ROOMS_MAX = 12;

const Stored = v.array(v.string());

/** A room's identity in the client: its page path ("/" for the lobby). */
export const roomKey = (room: RoomAddress): string => roomPath(room);

/** `rooms` with `room` added at the end, unless it is there already or the page is full. */
export function withRoom(rooms: readonly RoomAddress[], room: RoomAddress): RoomAddress[] {
  const key = roomKey(room);
  if (rooms.some((r) => roomKey(r) === key) || rooms.length >= JOINED_ROOMS_MAX) return [...rooms];
  return [...rooms, room];
}

export function withoutRoom(rooms: readonly RoomAddress[], key: string): RoomAddress[] {
  return rooms.filter((r) => roomKey(r) !== key);
}

/** The joined rooms saved in `storage`: each checked, duplicates and anything unparsable dropped. */
export function loadJoinedRooms(storage: SimpleStorage): RoomAddress[] {
  const raw = storage.getItem(KEY);
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const paths = v.safeParse(Stored, parsed);
  if (!paths.success) {
    storage.removeItem(KEY);
    return [];
  }
  let rooms: RoomAddress[] = [];
  for (const path of paths.output) {
    const room = roomFromPath(path);
    if (room !== null && typeof room !== 'string') rooms = withRoom(rooms, room);
  }
  return rooms;
}

export function saveJoinedRooms(storage: SimpleStorage, rooms: readonly RoomAddress[]): void {
  if (rooms.length === 0) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(rooms.map(roomKey)));
}

/** What a page load opens: the saved rooms, then the room of its address if it is not one of them. */
export function roomsToOpen(saved: readonly RoomAddress[], here: RoomAddress): RoomAddress[] {
  const key = roomKey(here);
  return saved.some((r) => roomKey(r) === key) ? [...saved] : [...saved, here];
}
