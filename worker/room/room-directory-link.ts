// Everything a ChatRoom knows about rooms beyond itself: its own address (room-identity.ts), the
// gate on upgrades (room-gate.ts) and the coalesced reports to the RoomDirectory
// (directory-reporter.ts, woken by the room's alarm), composed once so the DO asks for one object.
// Used by chat-room.ts.

import { configOf } from '../config';
import { directoryOf } from '../directory/directory-stub';
import { directoryKey, type RoomAddress } from '../protocol/room-address';
import { DirectoryReporter } from './directory-reporter';
import { logInternalError } from './internal-error';
import { type GateResult, roomGate } from './room-gate';
import { RoomIdentity } from './room-identity';
import type { RoomStore } from './room-store';

export class RoomDirectoryLink {
  readonly identity: RoomIdentity;
  readonly reporter: DirectoryReporter;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    store: Pick<RoomStore, 'getMeta' | 'setMeta'>,
    members: () => number,
    ensureAlarm: (at: number) => Promise<void>,
  ) {
    this.identity = new RoomIdentity(store);
    const directory = directoryOf(env);
    this.reporter = new DirectoryReporter({
      now: () => Date.now(),
      room: () => this.identity.get(),
      members,
      send: async (report) => directory.report(report),
      wakeAt: (at) => {
        ensureAlarm(at).catch((error: unknown) => logInternalError('ensureAlarm', error));
      },
    });
  }

  /** Checks that an upgrade is for this room, naming a new public room on its first socket. */
  gate(request: Request): Promise<GateResult> {
    const config = configOf(this.env);
    return roomGate(request, {
      identity: this.identity,
      idHex: this.ctx.id.toString(),
      claim: (room: RoomAddress, ip) =>
        directoryOf(this.env).create({
          key: directoryKey(room),
          listed: room.kind === 'public',
          explicit: false,
          ip,
          maxRooms: config.MAX_ROOMS,
          perHour: config.ROOM_CREATIONS_PER_HOUR,
        }),
    });
  }

  /** POST /api/rooms made this object an unlisted room: from now on it accepts sockets. */
  openUnlisted(): RoomAddress {
    const room: RoomAddress = { kind: 'unlisted', id: this.ctx.id.toString() };
    this.identity.remember(room);
    return room;
  }
}
