// The admin API under /api/admin, every route behind the token check (admin-auth.ts):
// GET /events and GET /stats read the audit log; DELETE /events and DELETE /history purge the audit
// log and the message history; DELETE /messages/:id makes one message a tombstone (audited as
// message_deleted), all through RPC methods on the ChatRoom DO.

import { Hono } from 'hono';
import type { AuditEventsPage, AuditStats } from '../protocol/audit-events';
import { adminAuth } from './admin-auth';
import { parseEventsQuery, parseStatsQuery } from './admin-query';
import { ROOM_NAME } from './chat-socket-route';

export const adminRoutes = new Hono<{ Bindings: Env }>();

adminRoutes.use('*', adminAuth);

adminRoutes.get('/events', async (c) => {
  const query = parseEventsQuery(new URL(c.req.url).searchParams);
  if (!query.ok) return c.json({ error: 'bad_query', message: query.message }, 400);
  const page: AuditEventsPage = await room(c.env).listEvents(query.value);
  return c.json(page);
});

adminRoutes.get('/stats', async (c) => {
  const query = parseStatsQuery(new URL(c.req.url).searchParams);
  if (!query.ok) return c.json({ error: 'bad_query', message: query.message }, 400);
  const stats: AuditStats = await room(c.env).eventStats(query.value.hours);
  return c.json(stats);
});

adminRoutes.delete('/events', async (c) => {
  const { deleted } = await room(c.env).purgeEvents();
  return c.json({ deleted });
});

adminRoutes.delete('/history', async (c) => {
  const { deleted } = await room(c.env).purgeHistory();
  return c.json({ deleted });
});

adminRoutes.delete('/messages/:id', async (c) => {
  const id = Number(c.req.param('id'));
  if (!/^[1-9][0-9]{0,15}$/.test(c.req.param('id')) || !Number.isSafeInteger(id))
    return c.json({ error: 'bad_query', message: 'The message id must be a positive integer.' }, 400);
  const { deleted } = await room(c.env).deleteMessage(id);
  if (!deleted) return c.json({ error: 'unknown_message', message: 'There is no such message.' }, 404);
  return c.json({ deleted: id });
});

function room(env: Env) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(ROOM_NAME));
}
