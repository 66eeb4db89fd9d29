// The public room directory as a signal: GET /api/rooms every POLL_MS while something shows it
// (the landing view's "Rooms", the room rail), the page is visible and `ready` (the room on screen
// is connected: no request to a server we know is unreachable), and at once when either comes back.
// Also the topic of a public room, for the header and the tab title.
// Tested in test/unit/client/ui/state/directory-feed.test.ts.

import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { RoomAddress } from '#protocol/room-address';
import type { RoomListing } from '#protocol/room-listing';

export const POLL_MS = 10_000;

type VisibleDocument = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

export interface DirectoryFeed {
  /** null until the first answer. */
  readonly rooms: ReadonlySignal<RoomListing[] | null>;
  /** The last attempt failed (the list shown, if any, is older). */
  readonly failed: ReadonlySignal<boolean>;
  /** Starts polling while at least one watcher is there; returns the watcher's goodbye. */
  watch(): () => void;
}

export function createDirectoryFeed(
  load: () => Promise<RoomListing[]>,
  doc: VisibleDocument,
  ready: ReadonlySignal<boolean> = signal(true),
): DirectoryFeed {
  const rooms = signal<RoomListing[] | null>(null);
  const failed = signal(false);
  const watchers = signal(0);
  const watched = computed(() => watchers.value > 0);
  let timer: ReturnType<typeof setInterval> | undefined;

  const poll = () => {
    if (doc.visibilityState !== 'visible' || !ready.peek()) return;
    load().then(
      (list) => {
        rooms.value = list;
        failed.value = false;
      },
      () => {
        failed.value = true;
      },
    );
  };

  // At once when the first watcher comes, and whenever the page is ready again while watched.
  effect(() => {
    if (watched.value && ready.value) poll();
  });

  return {
    rooms,
    failed,
    watch() {
      watchers.value++;
      if (watchers.peek() === 1) {
        timer = setInterval(poll, POLL_MS);
        doc.addEventListener('visibilitychange', poll);
      }
      let gone = false;
      return () => {
        if (gone) return;
        gone = true;
        watchers.value--;
        if (watchers.peek() > 0) return;
        clearInterval(timer);
        doc.removeEventListener('visibilitychange', poll);
      };
    },
  };
}

/**
 * A room's topic: what the room itself said (`joined.room`, `room_settings`: `own`, null before a
 * join), else a public room's as the directory lists it; '' when it has none or is not listed.
 */
export function topicOf(
  rooms: readonly RoomListing[] | null,
  room: RoomAddress,
  own: { topic: string } | null = null,
): string {
  if (own !== null) return own.topic;
  if (room.kind !== 'public' || rooms === null) return '';
  return rooms.find((r) => r.slug === room.slug)?.topic ?? '';
}
