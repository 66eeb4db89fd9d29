// Helpers for the rooms tests: sockets to a room by its path, members joined there, and the
// directory's HTTP answers. Everything opened is tracked (room-client.ts's closeAll closes it).

import { env, SELF } from 'cloudflare:test';
import type { RoomListing } from '#protocol/room-listing';
import { directoryOf } from '../../../worker/directory/directory-stub';
import { asSocketLike, joinAs, type Member, ORIGIN, track } from './room-client';

/** A slug no other test in the run uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Opens a raw WebSocket to `${path}/ws` (path "/r/<slug>" or "/r/~<hex>"), or fails with its status. */
export async function openRoomSocket(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const res = await SELF.fetch(`${ORIGIN}${path}/ws`, {
    headers: { Upgrade: 'websocket', Origin: ORIGIN, ...headers },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`expected a WebSocket, got HTTP ${res.status}: ${await res.text()}`);
  ws.binaryType = 'arraybuffer';
  ws.accept();
  return track(ws);
}

/** A member joined as `name` in the room at `path`. */
export async function joinRoom(path: string, name: string): Promise<Member> {
  return joinAs(name, asSocketLike(await openRoomSocket(path)));
}

export async function createRoom(
  body: { slug?: string; unlisted?: boolean },
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/rooms`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

/** GET /api/rooms, parsed. */
export async function listRooms(): Promise<RoomListing[]> {
  const res = await SELF.fetch(`${ORIGIN}/api/rooms`);
  if (res.status !== 200) throw new Error(`GET /api/rooms: HTTP ${res.status}`);
  return ((await res.json()) as { rooms: RoomListing[] }).rooms;
}

/** The directory's listing of one public room, or undefined. */
export async function listed(slug: string): Promise<RoomListing | undefined> {
  return (await listRooms()).find((room) => room.slug === slug);
}

/** The one RoomDirectory. */
export function directory() {
  return directoryOf(env);
}
