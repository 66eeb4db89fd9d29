// Typing signals: checked here, coalesced by the TypingBatcher, delivered by the room's flush
// (chat-room.ts). A Lobby signal reaches the other members; a private one only its peer.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { LiveSocket } from '../live-socket';
import type { RoomContext } from '../room-context';

export async function handleTyping(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessageOf<'typing'>,
): Promise<void> {
  const name = live.att.name!;
  if (msg.to === undefined) return room.typing.lobbyTyping(name);
  if (usernameProblem(msg.to))
    return room.outbox.error(live, 'unknown_user', { detail: msg.to.slice(0, 32) });
  const peer = room.members.get(nameKey(msg.to));
  if (peer === live) return room.outbox.error(live, 'self_message');
  // A peer who just left is a race, not a mistake: the signal simply has nobody to reach.
  if (peer) room.typing.directTyping(name, peer.att.name!);
}
