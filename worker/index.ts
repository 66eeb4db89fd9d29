// Worker entry point: the Hono app, the ChatRoom Durable Object class it forwards to (one per
// room) and the RoomDirectory (one per deployment).

import { app } from './http/app';

export { RoomDirectory } from './directory/room-directory';
export { ChatRoom } from './room/chat-room';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
