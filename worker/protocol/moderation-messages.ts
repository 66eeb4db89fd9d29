// Owners and moderation (issue 14), both directions. A socket proves it owns the room once (the
// join's `owner` or `admin` field, or an `owner` frame); then its owner frames act on the room. Shared
// by the room (worker/room/moderation) and the client; the client's frames are in moderation-requests.ts.
// Documented in docs/protocol.md section 4.2;
// tested in test/unit/worker/protocol/moderation-messages.test.ts and test/worker/moderation-*.test.ts.

import * as v from 'valibot';

/** A topic has at most this many characters (UTF-16 units); '' clears it. */
export const TOPIC_MAX = 200;
/** The reason an owner gives, shown to the person affected only. */
export const REASON_MAX = 200;
/** Bans and mutes last 1 minute to 30 days. */
export const SANCTION_MAX_MINUTES = 30 * 24 * 60;
/** Slow mode: at most one Lobby message every N seconds per person; 0 turns it off. */
export const SLOW_MODE_MAX_S = 60 * 60;
/** The room's clock, in ms since the epoch. */
const Time = v.number();

// ---- room → client ------------------------------------------------------------------------

/** The room's settings as every member sees them: in `joined`, and in `room_settings` on each change. */
export const RoomSettings = v.object({
  topic: v.string(),
  /** In the directory. Always false for an unlisted link room. */
  listed: v.boolean(),
  /** 0: slow mode off. */
  slowModeS: v.number(),
});
export type RoomSettings = v.InferOutput<typeof RoomSettings>;

export const RoomSettingsNotice = v.object({ type: v.literal('room_settings'), settings: RoomSettings });

/** The answer to an `owner` frame that proved ownership. */
export const RoleNotice = v.object({ type: v.literal('role'), owner: v.literal(true), admin: v.boolean() });

export const SYSTEM_ACTIONS = [
  'topic',
  'visibility',
  'kick',
  'ban',
  'unban',
  'mute',
  'unmute',
  'slow_mode',
  'delete',
  'close',
] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];

/**
 * A moderation action, announced to everyone in the room as one line of text (not stored in history).
 * `name` is the member it was about; `until` when a ban or mute ends (the room's clock).
 */
export const SystemNotice = v.object({
  type: v.literal('system'),
  action: v.picklist(SYSTEM_ACTIONS),
  text: v.string(),
  at: Time,
  name: v.optional(v.string()),
  until: v.optional(Time),
});

/**
 * To the member an action was about, with the owner's reason: sent before the close of a kick or
 * ban, and on a mute or unmute. `until`: when a ban or mute ends.
 */
export const ModeratedNotice = v.object({
  type: v.literal('moderated'),
  /** `kick`, `ban`, `mute`, `unmute`, `delete` or `close` (the room sends no other). */
  action: v.picklist(SYSTEM_ACTIONS),
  reason: v.optional(v.string()),
  until: v.optional(Time),
});

export const MODERATION_SERVER_SCHEMAS = [
  RoomSettingsNotice,
  RoleNotice,
  SystemNotice,
  ModeratedNotice,
] as const;
