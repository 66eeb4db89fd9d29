// The Hono app: the chat sockets (/ws for the default room, /r/<room>/ws), the JSON API, the room
// pages (/r/<room>) and the static client, all behind security headers.

import { Hono } from 'hono';
import { adminRoutes } from './admin-routes';
import { chatSocketRoute, roomSocketRoute } from './chat-socket-route';
import { roomApi, roomPage } from './room-api';
import { securityHeaders } from './security-headers';

export const app = new Hono<{ Bindings: Env }>();

app.use('*', securityHeaders);

app.get('/ws', chatSocketRoute);
app.get('/r/:room/ws', roomSocketRoute);
app.get('/r/:room', roomPage);
app.get('/r/:room/', roomPage);

app.get('/api/health', (c) => c.json({ ok: true, service: 'chatspace', time: new Date().toISOString() }));

app.route('/api/admin', adminRoutes);
app.route('/api/rooms', roomApi);

app.all('/api/*', (c) => c.json({ error: 'not_found', message: 'No such API endpoint.' }, 404));

app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));

// Never a stack trace to a client: log the error's name only, answer with a plain code.
app.onError((error, c) => {
  console.log(JSON.stringify({ event: 'http_error', error: error.name, path: new URL(c.req.url).pathname }));
  return c.json({ error: 'internal', message: 'Something went wrong.' }, 500);
});
