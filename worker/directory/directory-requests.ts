// What the RoomDirectory's RPC methods accept (parsed with these schemas, never trusted) and
// answer. Runtime-neutral, so the room's reporter and its unit test can use the types.

import * as v from 'valibot';
import { MAX_ADMIN_ROOMS_LIMIT, ROOM_KEY } from '../protocol/admin-rooms';

export const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** A slug, or `~` and an unlisted room's 64 hex digits. */
const RoomKey = v.pipe(v.string(), v.regex(ROOM_KEY));

export const CreateInputSchema = v.object({
  key: RoomKey,
  listed: v.boolean(),
  /** POST /api/rooms: an existing room is an error. A room's first socket: it is fine. */
  explicit: v.boolean(),
  /** The client's address, for the creation limit; absent where no edge sets CF-Connecting-IP. */
  ip: v.optional(v.pipe(v.string(), v.maxLength(64))),
  maxRooms: v.pipe(count, v.minValue(1)),
  perHour: v.pipe(v.number(), v.gtValue(0)),
});
export type CreateInput = v.InferInput<typeof CreateInputSchema>;

export const ReportInputSchema = v.object({
  key: RoomKey,
  listed: v.boolean(),
  members: count,
  lastActivity: count,
  reportedAt: count,
});
export type ReportInput = v.InferInput<typeof ReportInputSchema>;

export type CreateResult =
  | { ok: true; created: boolean }
  | { ok: false; code: 'room_exists' | 'room_limit' }
  | { ok: false; code: 'rooms_rate_limited'; retryAfterS: number };

/** The admin's list (GET /api/admin/rooms): rooms after `after` in key order, at most `limit`. */
export const ListAllInputSchema = v.object({
  after: v.optional(RoomKey),
  limit: v.pipe(count, v.minValue(1), v.maxValue(MAX_ADMIN_ROOMS_LIMIT)),
});
export type ListAllInput = v.InferInput<typeof ListAllInputSchema>;
