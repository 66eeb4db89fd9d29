// The first check on an upgrade, before admission: is this request for this room, and does the
// room exist? A public room is counted in by the directory on its first socket (MAX_ROOMS and the
// creator's per-IP limit); an unlisted room exists only if POST /api/rooms made it. Used by chat-room.ts.

import type { CreateResult } from '../directory/directory-requests';
import { decodeRoomHeader, encodeRoomHeader, ROOM_ERRORS, type RoomAddress } from '../protocol/room-address';
import { CLIENT_IP_HEADER } from './admission/client-ip-header';
import { logEvent } from './log';
import { ROOM_HEADER, type RoomIdentity } from './room-identity';

export interface RoomGateDeps {
  identity: RoomIdentity;
  /** This object's id as hex: an unlisted room's address must carry it. */
  idHex: string;
  /** Asks the directory to count a new public room in. */
  claim(room: RoomAddress, ip: string | undefined): Promise<CreateResult>;
}

export type GateResult = { room: RoomAddress } | { refusal: Response };

export async function roomGate(request: Request, deps: RoomGateDeps): Promise<GateResult> {
  const header = request.headers.get(ROOM_HEADER);
  const named = decodeRoomHeader(header);
  if (!named || (named.kind === 'unlisted' && named.id !== deps.idHex)) {
    logEvent('room_header_invalid', {});
    return { refusal: refuse('bad_request', 400) };
  }
  const known = deps.identity.get();
  if (known) {
    if (encodeRoomHeader(known) === header) return { room: known };
    logEvent('room_header_mismatch', {});
    return { refusal: refuse('bad_request', 400) };
  }
  if (named.kind === 'unlisted') return { refusal: refuse('unknown_room', 404) };
  const claimed = await deps.claim(named, request.headers.get(CLIENT_IP_HEADER) ?? undefined);
  if (!claimed.ok) {
    if (claimed.code === 'rooms_rate_limited') {
      return { refusal: refuse(claimed.code, 429, { 'Retry-After': String(claimed.retryAfterS) }) };
    }
    return { refusal: refuse(claimed.code, 503) };
  }
  deps.identity.remember(named);
  return { room: named };
}

function refuse(
  code: keyof typeof ROOM_ERRORS,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: code, message: ROOM_ERRORS[code] }, { status, headers });
}
