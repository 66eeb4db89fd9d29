// Routes a checked message from a socket that has finished the key exchange to its handler.
// The `never` default makes adding a message type without a handler a compile error.

import type { ClientMessage } from '../protocol/client-messages';
import { handlePrivate, handlePublic } from './handlers/chat';
import { handleJoin } from './handlers/join';
import type { LiveSocket } from './live-socket';
import type { RoomContext } from './room-context';

export async function handleChatFrame(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessage,
): Promise<void> {
  switch (msg.type) {
    case 'auth':
      return room.outbox.error(live, 'bad_field', { detail: 'the key exchange is already complete' });
    case 'join':
      return handleJoin(room, live, msg);
    case 'msg':
    case 'pm':
      if (!live.att.name) return room.outbox.error(live, 'not_joined', { cid: msg.cid });
      return msg.type === 'msg' ? handlePublic(room, live, msg) : handlePrivate(room, live, msg);
    default: {
      const unreachable: never = msg;
      return unreachable;
    }
  }
}
