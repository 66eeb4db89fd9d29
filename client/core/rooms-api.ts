// The client's side of /api/rooms: the public directory (parsed, not trusted) and "Create room".
// Used by client/ui/rooms; errors come back as the server's message, or a plain one offline.

import * as v from 'valibot';
import { ROOM_ERRORS } from '#protocol/room-address';
import { CreatedRoomSchema, type RoomListing, RoomListSchema } from '#protocol/room-listing';

/** `ownerToken`: given once; the page keeps it (client/ui/state/owner-tokens.ts) to own the room. */
export type CreateOutcome = { ok: true; url: string; ownerToken: string } | { ok: false; message: string };

const ErrorBody = v.object({ error: v.string(), message: v.string() });

export async function fetchRooms(fetcher: typeof fetch = fetch): Promise<RoomListing[]> {
  const res = await fetcher('/api/rooms', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return v.parse(RoomListSchema, await res.json()).rooms;
}

export async function createRoom(
  body: { slug?: string; unlisted: boolean },
  fetcher: typeof fetch = fetch,
): Promise<CreateOutcome> {
  try {
    const res = await fetcher('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const created = v.safeParse(CreatedRoomSchema, json);
      if (created.success) return { ok: true, ...created.output };
    }
    const error = v.safeParse(ErrorBody, json);
    return { ok: false, message: error.success ? error.output.message : ROOM_ERRORS.bad_request };
  } catch {
    return { ok: false, message: 'Could not reach the server. Check your connection and try again.' };
  }
}
