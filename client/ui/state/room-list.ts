// The room list ("Rooms"): the rooms this page is in first, in the order it joined them, then the
// public rooms of the directory it is not in, busiest first. Each entry says how many are online,
// and for a room we are in, its unread count and whether one of them mentions us. Pure; the room
// rail shows it. Tested in test/unit/client/ui/state/room-list.test.ts.

import { roomPath } from '#protocol/room-address';
import type { RoomListing } from '#protocol/room-listing';

/** A room this page has open (joined, or the one on screen with its login form). */
export interface OpenRoom {
  key: string;
  label: string;
  /** We have a name there (false while its login form shows). */
  joined: boolean;
  /** People online as the room's own roster says; null when we are not in it. */
  online: number | null;
  unread: number;
  mentions: number;
}

export interface RoomEntry {
  key: string;
  /** Where the entry's link goes. */
  href: string;
  label: string;
  online: number;
  unread: number;
  mentions: number;
  /** We are in this room (its socket stays open in the background). */
  joined: boolean;
  current: boolean;
}

/** The entry's accessible name: "rust, 3 online". */
export function entryName(entry: Pick<RoomEntry, 'label' | 'online'>): string {
  return `${entry.label}, ${entry.online} online`;
}

/** Unread messages across a room's conversations, and how many of them mention us. */
export function roomActivity(conversations: readonly { unread: number; mentions?: number }[]): {
  unread: number;
  mentions: number;
} {
  let unread = 0;
  let mentions = 0;
  for (const c of conversations) {
    unread += c.unread;
    mentions += c.mentions ?? 0;
  }
  return { unread, mentions };
}

export function roomListEntries(
  open: readonly OpenRoom[],
  directory: readonly RoomListing[],
  currentKey: string,
): RoomEntry[] {
  const listed = new Map(directory.map((r) => [roomPath({ kind: 'public', slug: r.slug }), r]));
  const mine = [...open.filter((r) => r.joined), ...open.filter((r) => !r.joined)].map(
    (r): RoomEntry => ({
      key: r.key,
      href: r.key,
      label: r.label,
      online: r.online ?? listed.get(r.key)?.members ?? 0,
      unread: r.joined ? r.unread : 0,
      mentions: r.joined ? r.mentions : 0,
      joined: r.joined,
      current: r.key === currentKey,
    }),
  );
  const openKeys = new Set(open.map((r) => r.key));
  const others = [...listed]
    .filter(([key]) => !openKeys.has(key))
    .map(
      ([key, r]): RoomEntry => ({
        key,
        href: key,
        label: r.slug,
        online: r.members,
        unread: 0,
        mentions: 0,
        joined: false,
        current: key === currentKey,
      }),
    );
  return [...mine, ...others];
}
