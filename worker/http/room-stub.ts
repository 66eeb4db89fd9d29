// The ChatRoom object of a room address: idFromName(slug) for a public room, idFromString(hex) for
// an unlisted one, which throws for an id this namespace never made (then: null, a 404).

import type { RoomAddress } from '../protocol/room-address';
import type { ChatRoom } from '../room/chat-room';

export function roomStubOf(
  env: Pick<Env, 'CHAT_ROOM'>,
  room: RoomAddress,
): DurableObjectStub<ChatRoom> | null {
  if (room.kind === 'public') return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(room.slug));
  try {
    return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromString(room.id));
  } catch {
    return null;
  }
}
