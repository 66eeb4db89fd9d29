// The owner frames a client sends (issue 14), as valibot schemas: kept apart from the room's answers
// (moderation-messages.ts) so that a client bundle, which only parses what the room sends, does not
// carry them. Parsed by the room through client-messages.ts; documented in docs/protocol.md section 4.2.

import * as v from 'valibot';
import { REASON_MAX, SANCTION_MAX_MINUTES, SLOW_MODE_MAX_S, TOPIC_MAX } from './moderation-messages';

/** Owner tokens and the ADMIN_TOKEN are far shorter; the room hashes what it is given, so it is bounded. */
const MAX_TOKEN_LENGTH = 512;

const Token = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TOKEN_LENGTH));
/** A member's name as typed; the room looks it up case-insensitively (username.ts nameKey). */
const Target = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Reason = v.optional(v.pipe(v.string(), v.maxLength(REASON_MAX)));
const Minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(SANCTION_MAX_MINUTES));

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
