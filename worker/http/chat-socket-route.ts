// GET /ws: only WebSocket upgrades (426 otherwise) from allowed origins (403 otherwise),
// forwarded to the single ChatRoom Durable Object with the client's IP in a header the worker sets
// (the room's per-IP socket cap; worker/room/admission).

import type { Context } from 'hono';
import { configOf } from '../config';
import { withClientIp } from '../room/admission/client-ip-header';
import { originAllowed } from './origin-check';

export const ROOM_NAME = 'lobby';

export async function chatSocketRoute(c: Context<{ Bindings: Env }>): Promise<Response> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    return c.json(
      { error: 'upgrade_required', message: 'This endpoint only accepts WebSocket upgrades.' },
      426,
    );
  }
  if (!originAllowed(c.req.header('Origin') ?? null, c.req.url, configOf(c.env).ALLOWED_ORIGINS)) {
    return c.json({ error: 'forbidden_origin', message: 'This origin may not open a chat connection.' }, 403);
  }
  const room = c.env.CHAT_ROOM.get(c.env.CHAT_ROOM.idFromName(ROOM_NAME));
  return room.fetch(withClientIp(c.req.raw));
}
