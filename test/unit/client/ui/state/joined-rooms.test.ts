// The joined set kept for a reload: order, no duplicates, a bound, and stored values checked
// rather than trusted.

import { describe, expect, it } from 'vitest';
import type { RoomAddress } from '#protocol/room-address';
import {
  JOINED_ROOMS_MAX,
  loadJoinedRooms,
  roomsToOpen,
  saveJoinedRooms,
  withoutRoom,
  withRoom,
} from '../../../../../client/ui/state/joined-rooms';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';

const lobby: RoomAddress = { kind: 'public', slug: 'lobby' };
const rust: RoomAddress = { kind: 'public', slug: 'rust' };
const hidden: RoomAddress = { kind: 'unlisted', id: 'a'.repeat(64) };

function memory(): SimpleStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('the joined set', () => {
  it('adds a room at the end, once', () => {
    expect(withRoom(withRoom([lobby], rust), { kind: 'public', slug: 'rust' })).toEqual([lobby, rust]);
  });

  it('holds at most JOINED_ROOMS_MAX rooms', () => {
    let rooms: RoomAddress[] = [];
    for (let i = 0; i < JOINED_ROOMS_MAX + 3; i++) rooms = withRoom(rooms, { kind: 'public', slug: `r${i}` });
    expect(rooms).toHaveLength(JOINED_ROOMS_MAX);
  });

  it('drops a room by its key', () => {
    expect(withoutRoom([lobby, rust, hidden], '/r/rust')).toEqual([lobby, hidden]);
  });

  it('survives storage in order, unlisted rooms included', () => {
    const storage = memory();
    saveJoinedRooms(storage, [rust, lobby, hidden]);
    expect(loadJoinedRooms(storage)).toEqual([rust, lobby, hidden]);
  });

  it('forgets the key when nothing is joined', () => {
    const storage = memory();
    saveJoinedRooms(storage, [rust]);
    saveJoinedRooms(storage, []);
    expect(storage.map.size).toBe(0);
  });

  it('ignores stored paths that name no room and drops a value that is not a list', () => {
    const storage = memory();
    storage.setItem(
      'chatspace:rooms',
      JSON.stringify(['/r/rust', '/r/Not_A_Slug', '/admin', '/r/rust', '/']),
    );
    expect(loadJoinedRooms(storage)).toEqual([rust, lobby]);
    storage.setItem('chatspace:rooms', '{"rooms":1}');
    expect(loadJoinedRooms(storage)).toEqual([]);
    expect(storage.map.size).toBe(0);
    storage.setItem('chatspace:rooms', 'not json');
    expect(loadJoinedRooms(storage)).toEqual([]);
  });

  it("opens the saved rooms and then the page's own room, unless it is one of them", () => {
    expect(roomsToOpen([lobby], rust)).toEqual([lobby, rust]);
    expect(roomsToOpen([rust, lobby], rust)).toEqual([rust, lobby]);
    expect(roomsToOpen([], lobby)).toEqual([lobby]);
  });
});
