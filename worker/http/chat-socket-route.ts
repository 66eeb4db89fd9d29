// The chat socket routes: GET /ws (the default room, as before rooms existed) and GET /r/<room>/ws.
// Only WebSocket upgrades (426 otherwise) from allowed origins (403 otherwise), forwarded to the
// room's ChatRoom object with two headers the worker sets, overwriting any a client sent: the
// client's IP (the room's per-IP socket cap; worker/room/admission) and the room's address
// (worker/room/room-identity.ts). A room path breaking the rules gets 400 or 404 first.

import type { Context } from 'hono';
import { configOf } from '../config';
import {
  DEFAULT_ROOM,
  encodeRoomHeader,
  ROOM_ERRORS,
  type RoomAddress,
  roomFromSegment,
} from '../protocol/room-address';
import { withClientIp } from '../room/admission/client-ip-header';
import { ROOM_HEADER } from '../room/room-identity';
import { originAllowed } from './origin-check';
import { roomStubOf } from './room-stub';

export const ROOM_NAME = DEFAULT_ROOM;

type Ctx = Context<{ Bindings: Env }>;

/** GET /ws: the default room. */
export function chatSocketRoute(c: Ctx): Promise<Response> {
  return forwardSocket(c, { kind: 'public', slug: DEFAULT_ROOM });
}

/** GET /r/:room/ws: the room the segment names. */
export function roomSocketRoute(c: Ctx): Promise<Response> {
  const room = roomFromSegment(c.req.param('room') ?? '');
  if (typeof room === 'string') {
    return Promise.resolve(
      c.json({ error: room, message: ROOM_ERRORS[room] }, room === 'unknown_room' ? 404 : 400),
    );
  }
  return forwardSocket(c, room);
}

async function forwardSocket(c: Ctx, room: RoomAddress): Promise<Response> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    return c.json(
      { error: 'upgrade_required', message: 'This endpoint only accepts WebSocket upgrades.' },
      426,
    );
  }
  if (!originAllowed(c.req.header('Origin') ?? null, c.req.url, configOf(c.env).ALLOWED_ORIGINS)) {
    return c.json({ error: 'forbidden_origin', message: 'This origin may not open a chat connection.' }, 403);
  }
  const stub = roomStubOf(c.env, room);
  if (!stub) return c.json({ error: 'unknown_room', message: ROOM_ERRORS.unknown_room }, 404);
  const request = withClientIp(c.req.raw);
  request.headers.set(ROOM_HEADER, encodeRoomHeader(room));
  return stub.fetch(request);
}
