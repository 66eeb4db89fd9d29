// Who we are in the room and who else is there: our name, the roster, and the room's clock (learned
// at each join, it dates the lines the room sends without a time). A model the chat store holds;
// the message feed, the composer and the conversations read it. Tested through their unit tests.

import { type Signal, signal } from '@preact/signals';
import { nameKey } from '#protocol/username';

export interface Identity {
  /** Our username once joined (or while taking it back after a reload). */
  readonly me: Signal<string | null>;
  readonly users: Signal<string[]>;
  isMe(name: string): boolean;
  /** `name` as the roster spells it (itself when nobody of that name is here). */
  canonical(name: string): string;
  /** Now by the room's clock. */
  roomNow(): number;
  /** Joined as `name` when the room's clock said `at`; `users` is who is here. */
  joined(name: string, at: number, users: string[]): void;
}

export function createIdentity(resumedName: string | null, now: () => number = Date.now): Identity {
  const me = signal(resumedName);
  const users = signal<string[]>([]);
  /** Room clock minus ours. */
  let clockOffset = 0;
  return {
    me,
    users,
    isMe: (name) => me.value !== null && nameKey(name) === nameKey(me.value),
    canonical: (name) => users.value.find((u) => nameKey(u) === nameKey(name)) ?? name,
    roomNow: () => now() + clockOffset,
    joined(name, at, here) {
      clockOffset = at - now();
      me.value = name;
      users.value = here;
    },
  };
}
