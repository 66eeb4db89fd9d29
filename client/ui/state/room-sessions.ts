// Several rooms in one page: one chat store (one WebSocket, one key exchange) per room, the room
// on screen, and the set of joined rooms kept for a reload (joined-rooms.ts). Rooms in the
// background keep their sockets: they go on receiving and counting unread messages and mentions.
// A room left on screen without a name is closed when another is selected. Built by client/main.tsx;
// tested in test/unit/client/ui/state/room-sessions.test.ts.

import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { DEFAULT_ROOM, type RoomAddress, roomLabel } from '#protocol/room-address';
import { JOINED_ROOMS_MAX, loadJoinedRooms, roomKey, roomsToOpen, saveJoinedRooms } from './joined-rooms';
import type { SimpleStorage } from './safe-storage';

/** What the sessions need of a room's chat store (chat-store.ts). */
export interface RoomStore {
  readonly me: ReadonlySignal<string | null>;
  start(): void;
  join(name: string): Promise<void>;
}

/** A room's store, and how to leave it for good: close its socket and forget its resume token. */
export interface OpenedRoom<S> {
  store: S;
  leave(): void;
}

export interface RoomSession<S> {
  room: RoomAddress;
  key: string;
  label: string;
  store: S;
}

export interface RoomSessionsOptions<S extends RoomStore> {
  /** Where the joined set lives: the tab's sessionStorage, beside the resume tokens. */
  storage: SimpleStorage;
  /** The room of the page's address. */
  here: RoomAddress;
  /** The person can see the page; a room counts as seen only while it is also on screen. */
  attending: ReadonlySignal<boolean>;
  /** Builds and connects nothing yet: `start()` connects. `attending` is this room's own. */
  open(room: RoomAddress, attending: ReadonlySignal<boolean>): OpenedRoom<S>;
  /** Something the person should know (e.g. the page holds as many rooms as it can). */
  notice?(text: string): void;
}

export interface RoomSessions<S> {
  /** Every open room, in the order it opened. */
  readonly sessions: ReadonlySignal<RoomSession<S>[]>;
  readonly currentKey: ReadonlySignal<string>;
  readonly current: ReadonlySignal<RoomSession<S>>;
  /** Opens the rooms of the joined set and the page's room; the latter goes on screen. */
  start(): void;
  /**
   * Puts `room` on screen, opening it if it is not open yet; `name`: join it with that name at once
   * (someone already in another room, picking this one from the list).
   */
  show(room: RoomAddress, name?: string | null): void;
  /** Leaves a room: its socket closes and it drops out of the joined set. */
  leave(key: string): void;
}

export const FULL_PAGE = `This page is in ${JOINED_ROOMS_MAX} rooms, as many as it can hold. Leave one first.`;

export function createRoomSessions<S extends RoomStore>(options: RoomSessionsOptions<S>): RoomSessions<S> {
  const sessions: Signal<RoomSession<S>[]> = signal([]);
  const leavers = new Map<string, () => void>();
  const currentKey = signal(roomKey(options.here));

  const add = (room: RoomAddress): RoomSession<S> | null => {
    const key = roomKey(room);
    const found = sessions.peek().find((s) => s.key === key);
    if (found) return found;
    if (sessions.peek().length >= JOINED_ROOMS_MAX) {
      options.notice?.(FULL_PAGE);
      return null;
    }
    const attending = computed(() => options.attending.value && currentKey.value === key);
    const opened = options.open(room, attending);
    const session: RoomSession<S> = { room, key, label: roomLabel(room), store: opened.store };
    leavers.set(key, opened.leave);
    sessions.value = [...sessions.peek(), session];
    opened.store.start();
    return session;
  };

  const close = (key: string) => {
    leavers.get(key)?.();
    leavers.delete(key);
    sessions.value = sessions.peek().filter((s) => s.key !== key);
  };

  const show = (room: RoomAddress, name?: string | null) => {
    const before = sessions.peek().find((s) => s.key === currentKey.peek());
    const session = add(room);
    if (!session) return;
    if (name && session.store.me.peek() === null) void session.store.join(name);
    currentKey.value = session.key;
    // A room left without a name holds a socket for nothing.
    if (before && before.key !== session.key && before.store.me.peek() === null) close(before.key);
  };

  const current = computed(() => {
    const list = sessions.value;
    const found = list.find((s) => s.key === currentKey.value) ?? list[0];
    if (!found) throw new Error('room sessions: start() first');
    return found;
  });

  return {
    sessions,
    currentKey,
    current,
    start() {
      for (const room of roomsToOpen(loadJoinedRooms(options.storage), options.here)) add(room);
      currentKey.value = roomKey(options.here);
      // The joined set follows every room's name: joining adds it, leaving or losing the name drops it.
      effect(() => {
        const joined = sessions.value.filter((s) => s.store.me.value !== null).map((s) => s.room);
        saveJoinedRooms(options.storage, joined);
      });
    },
    show,
    leave(key) {
      const wasCurrent = key === currentKey.peek();
      const fallback = sessions.peek().find((s) => s.key !== key);
      close(key);
      if (!wasCurrent) return;
      if (fallback) currentKey.value = fallback.key;
      else show({ kind: 'public', slug: DEFAULT_ROOM });
    },
  };
}
