// The session's prekeys over time, as a pure state machine over `now` (tested with a fake clock):
// the current prekey rotates every hour; a rotated-out one still opens envelopes for 24 h, then its
// private half is dropped (forward secrecy at rotation granularity) and only its id is remembered.

import type { IdentityKey } from './identity-key';
import { createPrekey, type Prekey } from './prekey';

export const PREKEY_ROTATE_MS = 60 * 60 * 1000;
export const PREKEY_GRACE_MS = 24 * 60 * 60 * 1000;
/** How long the id of a deleted prekey is kept, to say "expired" rather than "unknown". */
export const PREKEY_TOMBSTONE_MS = 30 * 24 * 60 * 60 * 1000;

export interface RetiredPrekey {
  readonly prekey: Prekey;
  readonly retiredAt: number;
}

/** A prekey whose private half is gone: only the id and when it went. */
export interface DeletedPrekey {
  readonly id: string;
  readonly deletedAt: number;
}

export interface PrekeyRing {
  readonly current: Prekey;
  readonly retired: readonly RetiredPrekey[];
  readonly deleted: readonly DeletedPrekey[];
}

export type PrekeyLookup =
  | { readonly ok: true; readonly prekey: Prekey }
  | { readonly ok: false; readonly reason: 'prekey_unknown' | 'prekey_expired' };

export function newPrekeyRing(current: Prekey): PrekeyRing {
  return { current, retired: [], deleted: [] };
}

/** Due once the current prekey is an hour old (a clock that stepped back never makes it due). */
export function rotationDue(ring: PrekeyRing, now: number): boolean {
  return now - ring.current.createdAt >= PREKEY_ROTATE_MS;
}

function graceOver(retired: RetiredPrekey, now: number): boolean {
  return now - retired.retiredAt >= PREKEY_GRACE_MS;
}

/** Drops private halves whose grace is over and tombstones older than PREKEY_TOMBSTONE_MS. */
export function prunePrekeys(ring: PrekeyRing, now: number): PrekeyRing {
  const expired = ring.retired.filter((r) => graceOver(r, now));
  const deleted = [
    ...ring.deleted.filter((d) => now - d.deletedAt < PREKEY_TOMBSTONE_MS),
    ...expired.map((r) => ({ id: r.prekey.id, deletedAt: now })),
  ];
  if (expired.length === 0 && deleted.length === ring.deleted.length) return ring;
  return { current: ring.current, retired: ring.retired.filter((r) => !graceOver(r, now)), deleted };
}

/** `fresh` becomes current; the old current starts its grace period now. */
export function rotatePrekeys(ring: PrekeyRing, fresh: Prekey, now: number): PrekeyRing {
  const retired = [...ring.retired, { prekey: ring.current, retiredAt: now }];
  return prunePrekeys({ current: fresh, retired, deleted: ring.deleted }, now);
}

/** The private prekey an envelope names, if it may still be used at `now`. */
export function findPrekey(ring: PrekeyRing, id: string, now: number): PrekeyLookup {
  if (ring.current.id === id) return { ok: true, prekey: ring.current };
  const retired = ring.retired.find((r) => r.prekey.id === id);
  if (retired)
    return graceOver(retired, now)
      ? { ok: false, reason: 'prekey_expired' }
      : { ok: true, prekey: retired.prekey };
  if (ring.deleted.some((d) => d.id === id)) return { ok: false, reason: 'prekey_expired' };
  return { ok: false, reason: 'prekey_unknown' };
}

/**
 * Brings the ring up to date at `now`: prunes, and rotates when due. `changed` says whether it must
 * be saved (and, when `rotated`, the new prekey published).
 */
export async function maintainPrekeys(
  ring: PrekeyRing,
  identity: IdentityKey,
  now: number,
): Promise<{ ring: PrekeyRing; changed: boolean; rotated: boolean }> {
  if (rotationDue(ring, now)) {
    return {
      ring: rotatePrekeys(ring, await createPrekey(identity, now), now),
      changed: true,
      rotated: true,
    };
  }
  const pruned = prunePrekeys(ring, now);
  return { ring: pruned, changed: pruned !== ring, rotated: false };
}
