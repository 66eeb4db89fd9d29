// Who owns a room, and a socket's proof of it. The deployment's ADMIN_TOKEN owns every room; a room
// made by POST /api/rooms also has its own owner token, of which the room keeps only the SHA-256
// (moderation-store.ts). Both compared in constant time (worker/crypto/admin-token.ts). The socket
// proves it once, at its join or with an `owner` frame, and its attachment keeps the yes, never the
// token. Used by handlers/join.ts and handlers/moderation.ts.

import { tokensEqual } from '../../crypto/admin-token';
import { ownerTokenHash } from '../../crypto/owner-token';
import type { LiveSocket } from '../live-socket';
import type { RoomRules } from '../room-rules';
import type { ModerationStore } from './moderation-store';

export interface OwnerProof {
  owner: boolean;
  /** The ADMIN_TOKEN itself: the socket is the room admin too (it may mention @everyone). */
  admin: boolean;
}

export async function proveOwner(
  rules: Pick<RoomRules, 'isAdminToken'>,
  moderation: Pick<ModerationStore, 'settings'>,
  presented: string,
): Promise<OwnerProof> {
  if (await rules.isAdminToken(presented)) return { owner: true, admin: true };
  const stored = moderation.settings().ownerHash;
  // Hashed and compared in full even when the room has no owner token, so the time taken says nothing.
  const owner = await tokensEqual(await ownerTokenHash(presented), stored ?? '');
  return { owner: stored !== null && owner, admin: false };
}

/** Whether this socket proved it owns the room (the ADMIN_TOKEN counts). */
export function isOwner(live: LiveSocket): boolean {
  return live.att.owner === true || live.att.admin === true;
}
