// Which audit events are noise and which are security events. Noise (anything a socket does before
// it joins: connects, refusals, failed handshakes, protocol errors, deadline closes) is only counted,
// one row per minute, kind and code, so that a script cannot flush the log with it. Security events
// (failed admin logins, kicks, rate-limit closes) are never pruned by the row cap, only by age.

import type { AuditKind } from '../../protocol/audit-events';

/** Kinds that are noise whoever sends them: nobody has joined yet when they happen. */
const ALWAYS_NOISE: ReadonlySet<AuditKind> = new Set(['connect', 'connect_refused', 'deadline_closed']);
/** Kinds that are noise when no user is named (the socket had not joined). */
const NOISE_BEFORE_JOIN: ReadonlySet<AuditKind> = new Set([
  'handshake_failed',
  'protocol_error',
  'rate_limited',
]);

export function isNoise(kind: AuditKind, user: string | null | undefined): boolean {
  return ALWAYS_NOISE.has(kind) || (NOISE_BEFORE_JOIN.has(kind) && (user ?? null) === null);
}

/** The length of the aggregation window for noise. */
export const NOISE_WINDOW_MS = 60_000;

/** SQL condition for a security event row (fixed text, no parameters). */
export const SECURITY_EVENT_SQL =
  "(kind = 'admin_auth_failed' OR (kind = 'rate_limited' AND code = 'rate_limit_close') OR (kind = 'leave' AND code = 'kicked'))";

export function isSecurityEvent(kind: AuditKind, code: string | null | undefined): boolean {
  return (
    kind === 'admin_auth_failed' ||
    (kind === 'rate_limited' && code === 'rate_limit_close') ||
    (kind === 'leave' && code === 'kicked')
  );
}
