// The "Room" picker above the chart: the default room first, then every room GET /api/admin/rooms
// lists (an unlisted one by the start of its ~<hex> id), each with its member count and topic.
// Choosing one makes the chart and the events table follow it (admin-store.ts's chooseRoom).

import { DEFAULT_ROOM } from '#protocol/room-address';
import type { AdminStore } from './admin-store';
import { roomText } from './room-text';

export function RoomPicker({ store }: { store: AdminStore }) {
  const listed = store.rooms.value;
  const choices = listed.some((room) => room.room === DEFAULT_ROOM)
    ? listed
    : [{ room: DEFAULT_ROOM, listed: true, members: 0, lastActivity: 0, topic: '' }, ...listed];
  const chosen = store.room.value;
  return (
    <label class="room-picker">
      <span class="field-label">Room</span>
      <select
        class="text-input"
        value={chosen}
        onChange={(event) => void store.chooseRoom(event.currentTarget.value)}
      >
        {choices.map((room) => (
          <option key={room.room} value={room.room}>
            {roomText(room)}
          </option>
        ))}
        {!choices.some((room) => room.room === chosen) && <option value={chosen}>{chosen}</option>}
      </select>
    </label>
  );
}
