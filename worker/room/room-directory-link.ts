// Everything a ChatRoom knows about rooms beyond itself: its own address (room-identity.ts), the
// gate on upgrades (room-gate.ts) and the coalesced reports to the RoomDirectory
// (directory-reporter.ts, woken by the room's alarm), composed once so the DO asks for one object.
// Used by chat-room.ts.

import { configOf } from '../config';
import { directoryOf } from '../directory/directory-stub';
import { directoryKey, type RoomAddress } from '../protocol/room-address';
import { DirectoryReporter } from './directory-reporter';
import { logInternalError } from './internal-error';
import { errorName, logEvent } from './log';
import type { ModerationStore } from './moderation/moderation-store';
import { type GateResult, roomGate } from './room-gate';
import { RoomIdentity } from './room-identity';
import type { RoomStore } from './room-store';

/** What the link needs from its room, read when needed. */
export interface DirectoryLinkHost {
  readonly store: Pick<RoomStore, 'getMeta' | 'setMeta' | 'deleteMeta'>;
  readonly members: { readonly size: number };
  /** The owner's choices (moderation-store.ts): whether the room is listed, and its topic. */
  readonly moderation: Pick<ModerationStore, 'settings'>;
  ensureAlarm(at: number): Promise<void>;
}

export class RoomDirectoryLink {
  readonly identity: RoomIdentity;
  readonly reporter: DirectoryReporter;
  private readonly moderation: Pick<ModerationStore, 'settings'>;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    host: DirectoryLinkHost,
  ) {
    this.identity = new RoomIdentity(host.store);
    this.moderation = host.moderation;
    const directory = directoryOf(env);
    this.reporter = new DirectoryReporter({
      now: () => Date.now(),
      room: () => this.identity.get(),
      members: () => host.members.size,
      // Every report carries the owner's visibility and topic, read when it is sent.
      send: async (report) => directory.report({ ...report, ...this.listed(report.listed) }),
      wakeAt: (at) => {
        host.ensureAlarm(at).catch((error: unknown) => logInternalError('ensureAlarm', error));
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

  /** An unlisted room made by link (`/r/~<hex>`): it is never listed. */
  isLink(): boolean {
    return this.identity.get()?.kind === 'unlisted';
  }

  /** The owner changed the topic or visibility: the directory hears of it now, not at the next report. */
  listingChanged(): void {
    const room = this.identity.get();
    if (!room) return;
    directoryOf(this.env)
      .settings({ key: directoryKey(room), ...this.listed(room.kind === 'public') })
      .catch((error: unknown) => logEvent('directory_settings_failed', { error: errorName(error) }));
  }

  /** The room was closed: the directory forgets it, and this object forgets its address. */
  async forget(): Promise<void> {
    const room = this.identity.get();
    this.identity.forget();
    if (room) await directoryOf(this.env).remove(directoryKey(room));
  }

  private listed(isPublic: boolean): { listed: boolean; topic: string } {
    const { listed, topic } = this.moderation.settings();
    return { listed: isPublic && listed, topic };
  }

  /** POST /api/rooms made this object an unlisted room: from now on it accepts sockets. */
  openUnlisted(): RoomAddress {
    const room: RoomAddress = { kind: 'unlisted', id: this.ctx.id.toString() };
    this.identity.remember(room);
    return room;
  }
}
