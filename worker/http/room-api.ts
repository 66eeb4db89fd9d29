// Rooms over HTTP: GET /api/rooms (the public directory, busiest first, at most ROOM_LIST_MAX),
// POST /api/rooms (create a public room by slug, or an unlisted one with an unguessable id; the
// creator gets the room's owner token, of which the room keeps only the SHA-256), and
// the pages GET /r/<room>: the client app for a valid room, a 400 or 404 page otherwise.
// Tested in test/worker/rooms.test.ts and test/worker/room-directory.test.ts.

import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { configOf } from '../config';
import { newOwnerToken, ownerTokenHash } from '../crypto/owner-token';
import type { CreateResult } from '../directory/directory-requests';
import { directoryOf } from '../directory/directory-stub';
import {
  DEFAULT_ROOM,
  ROOM_ERRORS,
  type RoomErrorCode,
  roomFromSegment,
  roomPath,
  slugProblem,
} from '../protocol/room-address';
import { type CreatedRoom, CreateRoomSchema, ROOM_LIST_MAX, type RoomList } from '../protocol/room-listing';
import { originAllowed } from './origin-check';
import { roomErrorPage } from './room-error-page';
import { roomStubOf } from './room-stub';

type Ctx = Context<{ Bindings: Env }>;
/** A create request is a few dozen bytes; anything much longer is not one. */
const MAX_BODY_BYTES = 1024;

export const roomApi = new Hono<{ Bindings: Env }>();

roomApi.get('/', async (c) => {
  const rooms = await directoryOf(c.env).list(ROOM_LIST_MAX);
  c.header('Cache-Control', 'no-store');
  return c.json({ rooms } satisfies RoomList);
});

roomApi.post('/', async (c) => {
  if (!originAllowed(c.req.header('Origin') ?? null, c.req.url, configOf(c.env).ALLOWED_ORIGINS)) {
    return c.json({ error: 'forbidden_origin', message: 'This origin may not create rooms.' }, 403);
  }
  if (!c.req.header('Content-Type')?.toLowerCase().startsWith('application/json'))
    return refuse(c, 'bad_request', 415);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) return refuse(c, 'bad_request', 413);
  const body = v.safeParse(CreateRoomSchema, parseJson(text));
  if (!body.success) return refuse(c, 'bad_request', 400);
  const config = configOf(c.env);
  const limits = {
    explicit: true,
    ip: c.req.header('CF-Connecting-IP')?.trim() || undefined,
    maxRooms: config.MAX_ROOMS,
    perHour: config.ROOM_CREATIONS_PER_HOUR,
  };
  if (body.output.unlisted) {
    const id = c.env.CHAT_ROOM.newUniqueId();
    const result = await directoryOf(c.env).create({ key: `~${id.toString()}`, listed: false, ...limits });
    if (!result.ok) return refusal(c, result);
    const ownerToken = newOwnerToken();
    await c.env.CHAT_ROOM.get(id).openUnlisted(await ownerTokenHash(ownerToken));
    return c.json(
      { url: roomPath({ kind: 'unlisted', id: id.toString() }), ownerToken } satisfies CreatedRoom,
      201,
    );
  }
  const slug = body.output.slug ?? '';
  const problem = slugProblem(slug);
  if (problem) return refuse(c, problem, 400);
  if (slug === DEFAULT_ROOM) return refuse(c, 'room_exists', 409);
  const result = await directoryOf(c.env).create({ key: slug, listed: true, ...limits });
  if (!result.ok) return refusal(c, result);
  // The token goes to the creator once; the room keeps only its hash.
  const ownerToken = newOwnerToken();
  await c.env.CHAT_ROOM.get(c.env.CHAT_ROOM.idFromName(slug)).adoptOwner(await ownerTokenHash(ownerToken));
  return c.json({ url: roomPath({ kind: 'public', slug }), ownerToken } satisfies CreatedRoom, 201);
});

/** GET /r/:room: the client app (index.html) for a room that may exist, else a page saying why not. */
export async function roomPage(c: Ctx): Promise<Response> {
  const room = roomFromSegment(c.req.param('room') ?? '');
  if (typeof room === 'string') return roomErrorPage(room, room === 'unknown_room' ? 404 : 400);
  if (room.kind === 'unlisted') {
    const stub = roomStubOf(c.env, room);
    if (!stub || !(await stub.exists())) return roomErrorPage('unknown_room', 404);
  }
  return c.env.ASSETS.fetch(new Request(new URL('/', c.req.url), { headers: c.req.raw.headers }));
}

function refusal(c: Ctx, result: Extract<CreateResult, { ok: false }>): Response {
  if (result.code === 'rooms_rate_limited') {
    c.header('Retry-After', String(result.retryAfterS));
    return refuse(c, result.code, 429);
  }
  return refuse(c, result.code, result.code === 'room_exists' ? 409 : 503);
}

function refuse(c: Ctx, code: RoomErrorCode, status: 400 | 409 | 413 | 415 | 429 | 503): Response {
  return c.json({ error: code, message: ROOM_ERRORS[code] }, status);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
