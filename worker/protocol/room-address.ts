// Room addresses: `/` is the default room `lobby`, `/r/<slug>` a public room, `/r/~<hex>` an
// unlisted one (a Durable Object id from newUniqueId). Shared by the worker's routes, the room
// (which parses what the worker tells it) and the client. Tested in test/unit/worker/protocol/room-address.test.ts.

export const DEFAULT_ROOM = 'lobby';
export const SLUG_MIN = 1;
export const SLUG_MAX = 32;
/** A Durable Object id printed as hex: 64 lowercase hex digits. */
const UNLISTED_ID = /^[0-9a-f]{64}$/;
const SLUG_CHARS = /^[a-z0-9-]+$/;

/** A room, as the worker names it to the room and the client names it in links. */
export type RoomAddress = { kind: 'public'; slug: string } | { kind: 'unlisted'; id: string };

/** HTTP refusals about rooms (the JSON `error` field), with their messages. */
export const ROOM_ERRORS = {
  bad_room_name: `Room names have ${SLUG_MIN}–${SLUG_MAX} characters: lowercase letters, digits and "-".`,
  unknown_room: 'There is no such room. It may never have existed, or its link is mistyped.',
  room_exists: 'A room with that name exists already.',
  room_limit: 'This deployment has as many rooms as it allows. Join an existing room.',
  rooms_rate_limited: 'Too many rooms created from your address. Try again later.',
  bad_request: 'The request body is not what this endpoint expects.',
} as const;
export type RoomErrorCode = keyof typeof ROOM_ERRORS;

/** Why `slug` is not a valid room name, or null when it is. */
export function slugProblem(slug: string): RoomErrorCode | null {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX || !SLUG_CHARS.test(slug)) return 'bad_room_name';
  return null;
}

/** Whether `id` looks like an unlisted room's id (the worker still checks it with idFromString). */
export function isUnlistedId(id: string): boolean {
  return UNLISTED_ID.test(id);
}

/**
 * The room a page path names: `/` is the lobby, `/r/<slug>` and `/r/~<hex>` (a trailing slash
 * allowed); an error code for a room path that breaks the rules; null for any other path.
 */
export function roomFromPath(pathname: string): RoomAddress | RoomErrorCode | null {
  if (pathname === '/' || pathname === '') return { kind: 'public', slug: DEFAULT_ROOM };
  const match = /^\/r\/([^/]*)\/?$/.exec(pathname);
  if (!match) return null;
  return roomFromSegment(decodeSegment(match[1] ?? ''));
}

/** The room one path segment names: `<slug>` or `~<hex>`. */
export function roomFromSegment(segment: string): RoomAddress | RoomErrorCode {
  if (segment.startsWith('~')) {
    const id = segment.slice(1);
    return isUnlistedId(id) ? { kind: 'unlisted', id } : 'unknown_room';
  }
  return slugProblem(segment) ?? { kind: 'public', slug: segment };
}

/** The page path of a room: `/` for the lobby. */
export function roomPath(room: RoomAddress): string {
  if (room.kind === 'unlisted') return `/r/~${room.id}`;
  return room.slug === DEFAULT_ROOM ? '/' : `/r/${room.slug}`;
}

/** The WebSocket path of a room: `/ws` for the lobby, as before rooms existed. */
export function roomSocketPath(room: RoomAddress): string {
  if (room.kind === 'public' && room.slug === DEFAULT_ROOM) return '/ws';
  return `${roomPath(room)}/ws`;
}

/** The name people see: the slug, or "Unlisted room". */
export function roomLabel(room: RoomAddress): string {
  return room.kind === 'public' ? room.slug : 'Unlisted room';
}

/** The header value the worker sets on a forwarded upgrade, and the room parses. */
export function encodeRoomHeader(room: RoomAddress): string {
  return room.kind === 'public' ? `public:${room.slug}` : `unlisted:${room.id}`;
}

export function decodeRoomHeader(value: string | null): RoomAddress | null {
  if (value === null) return null;
  const [kind, rest = ''] = value.split(':', 2);
  if (kind === 'public') return slugProblem(rest) === null ? { kind, slug: rest } : null;
  if (kind === 'unlisted') return isUnlistedId(rest) ? { kind, id: rest } : null;
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** How the room directory keys a room: its slug, or `~<hex>` for an unlisted one. */
export function directoryKey(room: RoomAddress): string {
  return room.kind === 'public' ? room.slug : `~${room.id}`;
}
