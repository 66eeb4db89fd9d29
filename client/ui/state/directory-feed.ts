// The public room directory as a signal: GET /api/rooms every POLL_MS while something shows it
// (the landing view's "Rooms", the room rail) and the page is visible, and at once when the page
// becomes visible again. Also the topic of a public room, for the header and the tab title.
// Tested in test/unit/client/ui/state/directory-feed.test.ts.

import { type ReadonlySignal, signal } from '@preact/signals';
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

export function createDirectoryFeed(load: () => Promise<RoomListing[]>, doc: VisibleDocument): DirectoryFeed {
  const rooms = signal<RoomListing[] | null>(null);
  const failed = signal(false);
  let watchers = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const poll = () => {
    if (doc.visibilityState !== 'visible') return;
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

  return {
    rooms,
    failed,
    watch() {
      if (watchers++ === 0) {
        poll();
        timer = setInterval(poll, POLL_MS);
        doc.addEventListener('visibilitychange', poll);
      }
      let gone = false;
      return () => {
        if (gone) return;
        gone = true;
        if (--watchers > 0) return;
        clearInterval(timer);
        doc.removeEventListener('visibilitychange', poll);
      };
    },
  };
}

/** A public room's topic as the directory lists it; '' when it has none or is not listed. */
export function topicOf(rooms: readonly RoomListing[] | null, room: RoomAddress): string {
  if (room.kind !== 'public' || rooms === null) return '';
  return rooms.find((r) => r.slug === room.slug)?.topic ?? '';
}
