// End-to-end key publication (issue 12): a member publishes its identity key and signed prekey
// (after each join and each hourly rotation), and anyone may ask for a name's keys. The room keeps
// them in its key directory and passes them on as they are; clients check the prekey's signature
// against the identity key themselves, because the room is not trusted. Tested in test/worker/e2e-keys.test.ts.

import type { ClientMessageOf } from '../../protocol/client-messages';
import { nameKey, usernameProblem } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';

type KeysRoomPart = Pick<RoomContext, 'outbox' | 'keys' | 'members' | 'store' | 'now'>;

export async function handlePublishKeys(
  room: KeysRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'publish_keys'>,
): Promise<void> {
  const { name, session } = live.att;
  room.keys.publish(nameKey(name), name, session, msg.keys, room.now());
  // The name only: keys are public, but logs carry events, not contents.
  logEvent('keys_published', { name });
}

/** `keys {name}`: that name's current keys (null when it published none), or unknown_user. */
export async function handleKeysRequest(
  room: KeysRoomPart,
  live: JoinedSocket,
  msg: ClientMessageOf<'keys'>,
): Promise<void> {
  const key = usernameProblem(msg.name) ? null : nameKey(msg.name);
  const now = room.now();
  const member = key === null ? undefined : room.members.get(key);
  const held = key === null || member ? null : room.store.getReservation(key);
  const reserved = held?.session && (held.expiresAt === null || held.expiresAt > now) ? held : null;
  const name = member?.att.name ?? reserved?.name;
  if (key === null || name === undefined) {
    room.outbox.error(live, 'unknown_user', { detail: msg.name.slice(0, 32) });
    return;
  }
  room.outbox.send(live, { type: 'keys', name, keys: room.keys.of(key, now) });
}
