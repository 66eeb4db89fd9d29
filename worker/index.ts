// Worker entry point: the Hono app, and the ChatRoom Durable Object class it forwards to.

import { app } from './http/app';

export { ChatRoom } from './room/chat-room';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
