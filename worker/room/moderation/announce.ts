// How the room tells people about a moderation action: a `system` line to every member (sealed once
// under the room broadcast key like other Lobby traffic), a `moderated` frame with the owner's reason
// to the member it was about, and a `room_settings` frame (plus a directory update) when the topic,
// visibility or slow mode changed. Used by handlers/moderation.ts.

import { type SystemLine, systemText } from '../../protocol/moderation-text';
import type { ServerMessageOf } from '../../protocol/server-messages';
import type { LiveSocket } from '../live-socket';
import type { RoomContext } from '../room-context';
import type { ModerationStore } from './moderation-store';

type AnnounceRoom = Pick<RoomContext, 'members' | 'outbox' | 'now'>;

export function announce(room: AnnounceRoom, line: SystemLine, until?: number): void {
  const name = 'name' in line ? { name: line.name } : {};
  const frame = {
    type: 'system',
    action: line.action,
    text: systemText(line),
    at: room.now(),
    ...name,
    ...(until === undefined ? {} : { until }),
  } satisfies ServerMessageOf<'system'>;
  room.outbox.publish([...room.members.values()], frame);
}

export function tell(
  room: AnnounceRoom,
  to: LiveSocket,
  notice: Omit<ServerMessageOf<'moderated'>, 'type'>,
): void {
  room.outbox.send(to, { type: 'moderated', ...notice });
}

/** The settings every member sees; an unlisted link room is never listed. */
export function visibleSettings(
  moderation: ModerationStore,
  rooms: Pick<RoomContext['rooms'], 'isLink'>,
): ServerMessageOf<'room_settings'>['settings'] {
  const { topic, listed, slowModeS } = moderation.settings();
  return { topic, listed: listed && !rooms.isLink(), slowModeS };
}

/** The topic, visibility or slow mode changed: every member and the directory hear of it. */
export function settingsChanged(room: AnnounceRoom & Pick<RoomContext, 'moderation' | 'rooms'>): void {
  const settings = visibleSettings(room.moderation, room.rooms);
  room.outbox.publish([...room.members.values()], { type: 'room_settings', settings });
  room.rooms.listingChanged();
}
