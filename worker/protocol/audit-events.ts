// The audit log's vocabulary and the admin API's answers (GET /api/admin/events and /stats), shared by
// the room, the /admin page and `npm run logs`. Events carry names, sizes, codes and counts, never content.

import * as v from 'valibot';

/** Every kind of audit event, in the order the README lists them. */
export const AUDIT_KINDS = [
  'connect',
  'connect_refused',
  'deadline_closed',
  'handshake_failed',
  'join',
  'join_rejected',
  'leave',
  'message',
  'private_message',
  'file_refused',
  'file_offered',
  'file_uploaded',
  'file_accepted',
  'file_declined',
  'file_completed',
  'file_cancelled',
  'file_failed',
  'file_expired',
  'rate_limited',
  'protocol_error',
  'internal_error',
  'admin_auth_failed',
  'room_key_created',
  'history_purged',
  'events_purged',
  'message_deleted',
  'owner_proved',
  'owner_refused',
  'moderation',
] as const;

export const AuditKind = v.picklist(AUDIT_KINDS);
export type AuditKind = v.InferOutput<typeof AuditKind>;

/** What the per-hour chart counts as a message, and as an error. */
export const MESSAGE_KINDS: ReadonlySet<AuditKind> = new Set(['message', 'private_message']);
export const ERROR_KINDS: ReadonlySet<AuditKind> = new Set([
  'handshake_failed',
  'protocol_error',
  'rate_limited',
  'internal_error',
  'file_failed',
]);

/**
 * Counts, flags and codes about an event (e.g. `{ resumed: true }`): never user text. Noise before a
 * join is stored as one row per minute, kind and code, whose `per_minute` is how many happened.
 */
export const AuditDetail = v.record(v.string(), v.union([v.number(), v.boolean(), v.string()]));
export type AuditDetail = v.InferOutput<typeof AuditDetail>;

export const AuditEvent = v.object({
  /** Increases with every event and is never reused: the paging cursor. */
  id: v.number(),
  /** The room's clock, in ms since the epoch. */
  at: v.number(),
  kind: AuditKind,
  /** Who acted: the sender, the joining or leaving user, the uploader. */
  user: v.nullable(v.string()),
  /** The other side: a private message's or private file's recipient, a file's uploader. */
  peer: v.nullable(v.string()),
  /** A message's length in characters, or a file's size in bytes. */
  size: v.nullable(v.number()),
  /** An error code or a leave reason. */
  code: v.nullable(v.string()),
  /** An opaque id the event is about: a file's id, the room key's public fingerprint. */
  ref: v.nullable(v.string()),
  detail: v.nullable(AuditDetail),
});
export type AuditEvent = v.InferOutput<typeof AuditEvent>;

export const AuditEventsPage = v.object({
  /** Newest first; oldest first when the request asked for events `after` an id. */
  events: v.array(AuditEvent),
  /** The cursor for the next page in the same direction (`before` or `after`), or null at the end. */
  next: v.nullable(v.number()),
});
export type AuditEventsPage = v.InferOutput<typeof AuditEventsPage>;

export const AuditHour = v.object({
  /** The hour's start, in ms since the epoch (UTC hours). */
  hour: v.number(),
  joins: v.number(),
  messages: v.number(),
  errors: v.number(),
});
export type AuditHour = v.InferOutput<typeof AuditHour>;

export const AuditStats = v.object({
  /** One entry per hour, oldest first, the current hour last; hours with no events count 0. */
  hours: v.array(AuditHour),
});
export type AuditStats = v.InferOutput<typeof AuditStats>;

/** Page size limits for GET /api/admin/events. */
export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;
/** GET /api/admin/stats covers 24 hours unless asked for more, at most 31 days. */
export const DEFAULT_STATS_HOURS = 24;
export const MAX_STATS_HOURS = 31 * 24;
export const HOUR_MS = 60 * 60 * 1000;

/** The admin API's error answer (400, 401, 404). */
export const AdminError = v.object({ error: v.string(), message: v.string() });
export type AdminError = v.InferOutput<typeof AdminError>;
