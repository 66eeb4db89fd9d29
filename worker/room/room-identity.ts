// Which room this ChatRoom is: the worker names it in ROOM_HEADER on every forwarded upgrade
// (overwriting anything a client sent), and the room remembers it in SQLite on first use, so that
// its reports to the directory and its refusals never depend on a client. Used by chat-room.ts and
// room-gate.ts; the worker's side is worker/http/room-forward.ts.

import { decodeRoomHeader, encodeRoomHeader, type RoomAddress } from '../protocol/room-address';
import type { RoomStore } from './room-store';

export const ROOM_HEADER = 'X-ChatSpace-Room';
const META_KEY = 'room_address';

export class RoomIdentity {
  /** undefined until read from SQLite; null for a room that has not been named yet. */
  private cached: RoomAddress | null | undefined;

  constructor(private readonly store: Pick<RoomStore, 'getMeta' | 'setMeta' | 'deleteMeta'>) {}

  get(): RoomAddress | null {
    if (this.cached === undefined) {
      const stored = this.store.getMeta(META_KEY);
      this.cached = typeof stored === 'string' ? decodeRoomHeader(stored) : null;
    }
    return this.cached;
  }

  /** The room was closed: it has no address until a socket or POST /api/rooms names it again. */
  forget(): void {
    this.store.deleteMeta(META_KEY);
    this.cached = null;
  }

  remember(room: RoomAddress): void {
    this.store.setMeta(META_KEY, encodeRoomHeader(room));
    this.cached = room;
  }
}
