// Files follow names, and a name outlives its socket only through its resume token. A resumed
// join gets its open offers again (the page may have reloaded); a fresh join of a name that had
// lapsed must not inherit anything: the previous owner's uploads and offers are dropped.

import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import { logEvent } from '../log';
import type { RoomContext } from '../room-context';
import { offerFor } from './file-offered';

export async function filesOnJoin(
  room: Pick<RoomContext, 'files' | 'outbox'>,
  live: JoinedSocket,
  resumed: boolean,
): Promise<void> {
  const key = nameKey(live.att.name);
  if (resumed) {
    for (const file of room.files.store.openOffersFor(key)) room.outbox.send(live, offerFor(file));
    return;
  }
  const { uploads, offers } = room.files.store.forgetUser(key);
  if (uploads.length + offers.length === 0) return;
  logEvent('files_forgotten', { name: live.att.name, uploads: uploads.length, offers: offers.length });
  for (const fileId of offers) {
    room.files.stopDownloads(fileId, key);
    await room.files.settle(fileId);
  }
  for (const fileId of uploads) await room.files.discard(fileId, 'name_lapsed');
}
