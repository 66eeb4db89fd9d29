// Keeps each room's per-tab state apart: the resume token, drafts and the end-to-end peer book of
// a room other than the lobby live under keys suffixed with the room (the lobby keeps today's
// keys, so nothing moves). The pinned room key is per room too (pinScope). Used by client/main.tsx.

import { DEFAULT_ROOM, type RoomAddress, roomPath } from '#protocol/room-address';
import type { SimpleStorage } from './safe-storage';

function isLobby(room: RoomAddress): boolean {
  return room.kind === 'public' && room.slug === DEFAULT_ROOM;
}

/** `storage` with every key suffixed by the room's path; the lobby's is `storage` itself. */
export function roomScopedStorage(storage: SimpleStorage, room: RoomAddress): SimpleStorage {
  if (isLobby(room)) return storage;
  const scoped = (key: string) => `${key}@${roomPath(room)}`;
  return {
    getItem: (key) => storage.getItem(scoped(key)),
    setItem: (key, value) => storage.setItem(scoped(key), value),
    removeItem: (key) => storage.removeItem(scoped(key)),
  };
}

/** What the room key is pinned under: the origin for the lobby, as before; origin and path for a room. */
export function pinScope(origin: string, room: RoomAddress): string {
  return isLobby(room) ? origin : `${origin}${roomPath(room)}`;
}
