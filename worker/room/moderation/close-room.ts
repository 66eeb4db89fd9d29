// An owner closes the room: every socket is closed with `room_closed` (the `system` and `moderated`
// frames queued before go first), every file is discarded with its staged R2 objects, and the
// history, audit log, names, published keys, settings, bans and mutes are deleted. The room forgets
// its address and the directory forgets the room, so a link room's link is dead (404) and a public
// slug may be created again, as a new room. Keys (the room's RSA key, the broadcast keys) stay: they
// are not content. Used by chat-room.ts; tested in test/worker/moderation-delete-close.test.ts.

import { CLOSE_CODES } from '../../protocol/errors';
import type { AuditLog } from '../audit/audit-log';
import type { FileRoom } from '../files/file-room';
import type { LiveSocket } from '../live-socket';
import { closeQuietly } from '../outbox';
import type { RoomContext } from '../room-context';
import type { RoomDirectoryLink } from '../room-directory-link';
import type { RoomStore } from '../room-store';

export interface CloseRoomDeps
  extends Pick<RoomContext, 'members' | 'disconnect' | 'messages' | 'moderation'> {
  files: Pick<FileRoom, 'store' | 'discard'>;
  audit: Pick<AuditLog, 'purge'>;
  store: Pick<RoomStore, 'purgeNames'>;
  rooms: Pick<RoomDirectoryLink, 'forget'>;
}

/** `sockets`: every socket of the room; those not joined (still in the key exchange) are closed too. */
export async function shutRoom(room: CloseRoomDeps, sockets: readonly LiveSocket[]): Promise<void> {
  for (const live of [...room.members.values()]) {
    room.disconnect(live, CLOSE_CODES.room_closed, 'room closed', 'kicked');
  }
  for (const live of sockets) {
    if (!live.closed) closeQuietly(live.ws, CLOSE_CODES.room_closed, 'room closed');
  }
  // Order matters: the rows go before their R2 objects (file-room.ts discard).
  for (const fileId of room.files.store.allFileIds()) await room.files.discard(fileId, 'room_closed');
  room.messages.purge();
  room.store.purgeNames();
  room.moderation.purge();
  room.audit.purge();
  await room.rooms.forget();
}
