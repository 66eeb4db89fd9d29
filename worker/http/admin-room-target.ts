// Which room an admin request is about: /api/admin/rooms/<room>/… names it (a slug or `~<hex>`,
// by room-address.ts's rules), the older /api/admin/… paths mean the default room. A room name
// breaking the rules is a 400 that says why; a room the directory does not count is a 404, found
// out without waking the room, so asking the admin API about a room never creates one.
// Used by admin-room-routes.ts; tested in test/worker/admin-rooms.test.ts.

import type { MiddlewareHandler } from 'hono';
import { directoryOf } from '../directory/directory-stub';
import { DEFAULT_ROOM, directoryKey, ROOM_ERRORS, roomFromSegment } from '../protocol/room-address';
import type { ChatRoom } from '../room/chat-room';
import { roomStubOf } from './room-stub';

export type AdminRoomEnv = {
  Bindings: Env;
  Variables: { room: DurableObjectStub<ChatRoom> };
};

const BAD_UNLISTED_ID = 'An unlisted room is named by ~ and its 64 lowercase hex digits, as in its link.';

export const adminRoomTarget: MiddlewareHandler<AdminRoomEnv> = async (c, next) => {
  const segment = c.req.param('room');
  const room =
    segment === undefined ? { kind: 'public' as const, slug: DEFAULT_ROOM } : roomFromSegment(segment);
  if (typeof room === 'string') {
    // roomFromSegment calls a malformed ~id unknown (a mistyped link); here it is a malformed request.
    const message = room === 'unknown_room' ? BAD_UNLISTED_ID : ROOM_ERRORS[room];
    return c.json({ error: 'bad_room_name', message }, 400);
  }
  // The default room is there from the start, whether or not anyone has joined it yet.
  const known = directoryKey(room) === DEFAULT_ROOM || (await directoryOf(c.env).knows(directoryKey(room)));
  const stub = known ? roomStubOf(c.env, room) : null;
  if (!stub) return c.json({ error: 'unknown_room', message: ROOM_ERRORS.unknown_room }, 404);
  c.set('room', stub);
  await next();
};
