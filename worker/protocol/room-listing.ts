// The public room directory as GET /api/rooms returns it, and what POST /api/rooms accepts:
// shared by the worker (worker/http/room-api.ts) and the client's landing view, which parses the
// list from `unknown` with these schemas.

import * as v from 'valibot';
import { SLUG_MAX } from './room-address';

/** At most this many rooms in one answer of GET /api/rooms: the busiest first. */
export const ROOM_LIST_MAX = 200;

export const RoomListingSchema = v.object({
  slug: v.pipe(v.string(), v.maxLength(SLUG_MAX)),
  /** The owner's topic ('' when none); see worker/protocol/moderation-messages.ts. */
  topic: v.string(),
  members: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Milliseconds since the epoch: the last join, leave or message the room reported. */
  lastActivity: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type RoomListing = v.InferOutput<typeof RoomListingSchema>;

export const RoomListSchema = v.object({ rooms: v.array(RoomListingSchema) });
export type RoomList = v.InferOutput<typeof RoomListSchema>;

/** POST /api/rooms: a slug for a public room (required then), or `unlisted: true`. */
export const CreateRoomSchema = v.object({
  slug: v.optional(v.string()),
  unlisted: v.optional(v.boolean(), false),
});

/**
 * The answer to a successful POST /api/rooms (201): where the new room is, and its owner token
 * (32 random bytes, base64url), given this once: present it in the join's `owner` field or an
 * `owner` frame to moderate the room (moderation-messages.ts). Keep it like a resume token.
 */
export const CreatedRoomSchema = v.object({ url: v.string(), ownerToken: v.string() });
export type CreatedRoom = v.InferOutput<typeof CreatedRoomSchema>;
