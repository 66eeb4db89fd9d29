// Owners and moderation (issue 14), both directions. A socket proves it owns the room once (the
// join's `owner` or `admin` field, or an `owner` frame); then its owner frames act on the room. Shared
// by the room (worker/room/moderation) and the client. Documented in docs/protocol.md section 9;
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
/** Owner tokens and the ADMIN_TOKEN are far shorter; the room hashes what it is given, so it is bounded. */
const MAX_TOKEN_LENGTH = 512;

const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TOKEN_LENGTH));
/** A member's name as typed; the room looks it up case-insensitively (username.ts nameKey). */
const Target = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Reason = v.optional(v.pipe(v.string(), v.maxLength(REASON_MAX)));
const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SANCTION_MAX_MINUTES));
const Time = v.number();

// ---- client → room ------------------------------------------------------------------------

/** Proves ownership after the join: the room's owner token, or the deployment's ADMIN_TOKEN. */
export const OwnerRequest = v.object({ type: v.literal('owner'), token: Token });
export const TopicRequest = v.object({
  type: v.literal('topic'),
  topic: v.pipe(v.string(), v.maxLength(TOPIC_MAX)),
});
/** `listed: true` puts the room in the directory, false takes it out (an unlisted link room refuses true). */
export const VisibilityRequest = v.object({ type: v.literal('visibility'), listed: v.boolean() });
export const KickRequest = v.object({ type: v.literal('kick'), name: Target, reason: Reason });
export const BanRequest = v.object({
  type: v.literal('ban'),
  name: Target,
  minutes: Minutes,
  reason: Reason,
});
export const UnbanRequest = v.object({ type: v.literal('unban'), name: Target });
export const MuteRequest = v.object({
  type: v.literal('mute'),
  name: Target,
  minutes: Minutes,
  reason: Reason,
});
export const UnmuteRequest = v.object({ type: v.literal('unmute'), name: Target });
export const SlowModeRequest = v.object({
  type: v.literal('slow_mode'),
  seconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(SLOW_MODE_MAX_S)),
});
/** Deletes the room's history, files and audit log and disconnects everyone. */
export const CloseRoomRequest = v.object({ type: v.literal('close_room') });

export const MODERATION_CLIENT_SCHEMAS = {
  owner: OwnerRequest,
  topic: TopicRequest,
  visibility: VisibilityRequest,
  kick: KickRequest,
  ban: BanRequest,
  unban: UnbanRequest,
  mute: MuteRequest,
  unmute: UnmuteRequest,
  slow_mode: SlowModeRequest,
  close_room: CloseRoomRequest,
} as const;

/** The owner frames that act on the room (every one but `owner` itself). */
export type OwnerActionType = Exclude<keyof typeof MODERATION_CLIENT_SCHEMAS, 'owner'>;

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
  action: v.picklist(['kick', 'ban', 'mute', 'unmute', 'delete', 'close']),
  reason: v.optional(v.string()),
  until: v.optional(Time),
});

export const MODERATION_SERVER_SCHEMAS = [
  RoomSettingsNotice,
  RoleNotice,
  SystemNotice,
  ModeratedNotice,
] as const;
