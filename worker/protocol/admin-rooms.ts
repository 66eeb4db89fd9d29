// The admin API's list of rooms, GET /api/admin/rooms: every room the deployment counts, public and
// unlisted, in pages ordered by room. Shared by the worker (worker/http/admin-routes.ts), the /admin
// page's room picker and `npm run logs`, which parse the answer from `unknown` with these schemas.

import * as v from 'valibot';
import { SLUG_MAX } from './room-address';

export const DEFAULT_ADMIN_ROOMS_LIMIT = 100;
/** At most this many rooms in one answer; `next` pages on. */
export const MAX_ADMIN_ROOMS_LIMIT = 500;

/**
 * A room as the directory keys it and the admin API names it in paths (room-address.ts's
 * directoryKey): its slug, or `~` and an unlisted room's 64 hex digits.
 */
export const ROOM_KEY = new RegExp(`^(?:[a-z0-9-]{1,${SLUG_MAX}}|~[0-9a-f]{64})$`);

export const AdminRoomSchema = v.object({
  /** The slug of a public room, `~<hex>` of an unlisted one: /api/admin/rooms/<room>/… takes it. */
  room: v.pipe(v.string(), v.regex(ROOM_KEY)),
  listed: v.boolean(),
  /** As the room last reported it (coalesced, at most every 5 s), so a few seconds behind. */
  members: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Milliseconds since the epoch: the last join, leave or message the room reported. */
  lastActivity: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Empty when the room has none. */
  topic: v.string(),
});
export type AdminRoom = v.InferOutput<typeof AdminRoomSchema>;

export const AdminRoomsPageSchema = v.object({
  rooms: v.array(AdminRoomSchema),
  /** The `after` cursor of the next page, or null at the end. */
  next: v.nullable(v.pipe(v.string(), v.regex(ROOM_KEY))),
});
export type AdminRoomsPage = v.InferOutput<typeof AdminRoomsPageSchema>;
