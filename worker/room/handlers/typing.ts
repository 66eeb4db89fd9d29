// Typing signals: checked here, coalesced by the TypingBatcher (typing-batcher.ts), delivered here
// when it flushes. A Lobby signal reaches the other members; a private one only its peer.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import type { RoomContext } from '../room-context';
import type { TypingBatch } from '../typing-batcher';

type TypingRoomPart = Pick<RoomContext, 'outbox' | 'typing' | 'members'>;

export async function handleTyping(
  room: TypingRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'typing'>,
): Promise<void> {
  const name = live.att.name;
  if (msg.to === undefined) return room.typing.lobbyTyping(name);
  if (usernameProblem(msg.to))
    return room.outbox.error(live, 'unknown_user', { detail: msg.to.slice(0, 32) });
  const peer = room.members.get(nameKey(msg.to));
  if (peer === live) return room.outbox.error(live, 'self_message');
  // A peer who just left is a race, not a mistake: the signal simply has nobody to reach.
  if (peer) room.typing.directTyping(name, peer.att.name);
}

/**
 * One typing notice per member for the Lobby (typists do not hear about themselves) and one per
 * private pair, whatever the number of signals gathered.
 */
export function deliverTyping(room: Pick<RoomContext, 'outbox' | 'members'>, batch: TypingBatch): void {
  if (batch.lobby.length > 0) {
    const typists = new Set(batch.lobby.map(nameKey));
    const others = [...room.members.values()].filter((m) => !typists.has(nameKey(m.att.name)));
    room.outbox.publish(others, { type: 'typing', names: batch.lobby, private: false });
    for (const name of batch.lobby) {
      const live = room.members.get(nameKey(name));
      const names = batch.lobby.filter((n) => n !== name);
      if (live && names.length > 0) room.outbox.send(live, { type: 'typing', names, private: false });
    }
  }
  for (const { from, to } of batch.direct) {
    const peer = room.members.get(nameKey(to));
    if (peer && room.members.has(nameKey(from)))
      room.outbox.send(peer, { type: 'typing', names: [from], private: true });
  }
}
