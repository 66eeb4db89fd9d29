// The admin API for one room, mounted twice by admin-routes.ts: under /api/admin/rooms/<room> and,
// for the default room as before rooms existed, under /api/admin. GET /events and GET /stats read
// the room's audit log; DELETE /events and DELETE /history purge the audit log and the message
// history; DELETE /messages/:id makes one message a tombstone (audited as message_deleted), all
// through RPC methods on the room's ChatRoom, which admin-room-target.ts finds (or refuses).

import { Hono } from 'hono';
import type { AuditEventsPage, AuditStats } from '../protocol/audit-events';
import { parseEventsQuery, parseStatsQuery } from './admin-query';
import { type AdminRoomEnv, adminRoomTarget } from './admin-room-target';

export const adminRoomRoutes = new Hono<AdminRoomEnv>();

// Per route, not `use('*')`: mounted at /api/admin, a catch-all would run for every admin path.
adminRoomRoutes.get('/events', adminRoomTarget, async (c) => {
  const query = parseEventsQuery(new URL(c.req.url).searchParams);
  if (!query.ok) return c.json({ error: 'bad_query', message: query.message }, 400);
  const page: AuditEventsPage = await c.var.room.listEvents(query.value);
  return c.json(page);
});

adminRoomRoutes.get('/stats', adminRoomTarget, async (c) => {
  const query = parseStatsQuery(new URL(c.req.url).searchParams);
  if (!query.ok) return c.json({ error: 'bad_query', message: query.message }, 400);
  const stats: AuditStats = await c.var.room.eventStats(query.value.hours);
  return c.json(stats);
});

adminRoomRoutes.delete('/events', adminRoomTarget, async (c) => {
  const { deleted } = await c.var.room.purgeEvents();
  return c.json({ deleted });
});

adminRoomRoutes.delete('/history', adminRoomTarget, async (c) => {
  const { deleted } = await c.var.room.purgeHistory();
  return c.json({ deleted });
});

adminRoomRoutes.delete('/messages/:id', adminRoomTarget, async (c) => {
  const id = Number(c.req.param('id'));
  if (!/^[1-9][0-9]{0,15}$/.test(c.req.param('id')) || !Number.isSafeInteger(id))
    return c.json({ error: 'bad_query', message: 'The message id must be a positive integer.' }, 400);
  const { deleted } = await c.var.room.deleteMessage(id);
  if (!deleted) return c.json({ error: 'unknown_message', message: 'There is no such message.' }, 404);
  return c.json({ deleted: id });
});
