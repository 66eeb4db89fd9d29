// The admin API under /api/admin, every route behind the token check (admin-auth.ts):
// GET /rooms lists every room the deployment counts (public and unlisted, paged), and
// /rooms/<room>/… is the admin API for one room (admin-room-routes.ts). The older paths without a
// room (/events, /stats, /history, /messages/:id) still mean the default room, `lobby`.

import { Hono } from 'hono';
import { directoryOf } from '../directory/directory-stub';
import type { AdminRoomsPage } from '../protocol/admin-rooms';
import { adminAuth } from './admin-auth';
import { parseRoomsQuery } from './admin-query';
import { adminRoomRoutes } from './admin-room-routes';

export const adminRoutes = new Hono<{ Bindings: Env }>();

adminRoutes.use('*', adminAuth);

adminRoutes.get('/rooms', async (c) => {
  const query = parseRoomsQuery(new URL(c.req.url).searchParams);
  if (!query.ok) return c.json({ error: 'bad_query', message: query.message }, 400);
  const page: AdminRoomsPage = await directoryOf(c.env).listAll(query.value);
  return c.json(page);
});

adminRoutes.route('/rooms/:room', adminRoomRoutes);
adminRoutes.route('/', adminRoomRoutes);
