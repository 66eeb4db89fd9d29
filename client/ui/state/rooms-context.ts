// Hands the page's rooms (room-sessions.ts) and the public directory (directory-feed.ts) to the
// app shell, the room rail and the landing view; each room's own store goes through StoreContext.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ChatStore } from './chat-store';
import type { DirectoryFeed } from './directory-feed';
import type { RoomSessions } from './room-sessions';

export interface PageRooms {
  sessions: RoomSessions<ChatStore>;
  directory: DirectoryFeed;
}

export const RoomsContext = createContext<PageRooms | null>(null);

export function useRooms(): PageRooms {
  const rooms = useContext(RoomsContext);
  if (!rooms) throw new Error('useRooms needs a <RoomsContext.Provider>');
  return rooms;
}
