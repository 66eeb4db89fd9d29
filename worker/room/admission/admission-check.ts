// Whether the room accepts one more socket (ChatRoom.fetch, before the upgrade): the room-wide
// cap answers 503, the per-IP cap 429, the cap on sockets still in the key exchange 503, all with
// Retry-After, so a refusal is never a silent drop. Pure; tested in test/unit/worker/room/admission/admission-check.test.ts and test/worker/admission.test.ts.

import { HANDSHAKE_DEADLINE_MS } from '../../protocol/limits';
import type { AdmissionSettings } from './admission-settings';

/** How long a refused client should wait: about when a pending socket meets its deadline. */
export const ROOM_FULL_RETRY_AFTER_S = 30;
export const IP_CAP_RETRY_AFTER_S = 10;
/** By then every socket now in the key exchange has finished it or been closed at its deadline. */
export const HANDSHAKE_BUSY_RETRY_AFTER_S = HANDSHAKE_DEADLINE_MS / 1000;

export interface AdmissionCounts {
  /** Open sockets in the room, joined or not. */
  sockets: number;
  /** Open sockets from the caller's IP; null when the request carried no client IP (local dev). */
  socketsFromIp: number | null;
  /** Open sockets that have not finished the key exchange (no session key, or no auth frame yet). */
  pending: number;
}

export interface Refusal {
  status: 429 | 503;
  retryAfterS: number;
  error: 'room_full' | 'too_many_connections' | 'handshake_busy';
  message: string;
}

/** What counting needs of a LiveSocket (kept structural so that this module runs in Node tests too). */
export interface OpenSocket {
  closed: boolean;
  att: { ip?: string | undefined; authed: boolean };
}

/**
 * Counts the sockets still open (not let go by the room), those from the IP with this digest, and
 * those still in the key exchange.
 */
export function countOpenSockets(
  sockets: Iterable<OpenSocket | null>,
  ipDigest: string | undefined,
): AdmissionCounts {
  let open = 0;
  let fromIp = 0;
  let pending = 0;
  for (const live of sockets) {
    if (!live || live.closed) continue;
    open++;
    if (ipDigest !== undefined && live.att.ip === ipDigest) fromIp++;
    if (!live.att.authed) pending++;
  }
  return { sockets: open, socketsFromIp: ipDigest === undefined ? null : fromIp, pending };
}

/**
 * The refusal for one more socket, or null. Order matters: a full room first, then the caller's own
 * excess (429 tells it to close one of its own), then the room-wide queue of key exchanges.
 */
export function admissionRefusal(counts: AdmissionCounts, settings: AdmissionSettings): Refusal | null {
  if (counts.sockets >= settings.maxMembers) {
    return {
      status: 503,
      retryAfterS: ROOM_FULL_RETRY_AFTER_S,
      error: 'room_full',
      message: 'The room is full. Try again later.',
    };
  }
  if (counts.socketsFromIp !== null && counts.socketsFromIp >= settings.maxSocketsPerIp) {
    return {
      status: 429,
      retryAfterS: IP_CAP_RETRY_AFTER_S,
      error: 'too_many_connections',
      message: 'Too many connections from your address. Close one, or try again later.',
    };
  }
  if (counts.pending >= settings.maxPendingHandshakes) {
    return {
      status: 503,
      retryAfterS: HANDSHAKE_BUSY_RETRY_AFTER_S,
      error: 'handshake_busy',
      message: 'Too many connections are starting at once. Try again in a few seconds.',
    };
  }
  return null;
}

export function refusalResponse(refusal: Refusal): Response {
  return Response.json(
    { error: refusal.error, message: refusal.message },
    { status: refusal.status, headers: { 'Retry-After': String(refusal.retryAfterS) } },
  );
}
