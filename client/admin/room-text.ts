// How the /admin page's "Room" picker names a room: the slug, or the start of an unlisted room's
// ~<hex> id, then its member count and topic. Tested in test/unit/client/admin/room-text.test.ts.

import type { AdminRoom } from '#protocol/admin-rooms';

/** The characters of an unlisted room's `~<hex>` shown: `~` and 8 hex digits, enough to tell rooms apart. */
const SHOWN_ID = 9;

/** "general, 3 online: Rust talk" or "~1a2b3c4d… (unlisted), 0 online". */
export function roomText(room: Pick<AdminRoom, 'room' | 'listed' | 'members' | 'topic'>): string {
  const name = room.listed ? room.room : `${room.room.slice(0, SHOWN_ID)}… (unlisted)`;
  const topic = room.topic ? `: ${room.topic}` : '';
  return `${name}, ${room.members} online${topic}`;
}
