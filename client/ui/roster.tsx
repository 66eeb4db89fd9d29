// The roster sidebar: who is online, with a count. Each other user is a button that opens a
// private conversation with them, followed for a room owner by the owner's menu (`memberExtra`);
// your own name is marked "(you)".

import type { ComponentChildren } from 'preact';
import { nameKey } from '#protocol/username';

interface RosterProps {
  id: string;
  users: readonly string[];
  me: string;
  onPick: (name: string) => void;
  /** Shown after each other member's button (the owner's actions). */
  memberExtra?: (name: string) => ComponentChildren;
}

export function Roster({ id, users, me, onPick, memberExtra }: RosterProps) {
  return (
    <aside id={id} class="roster" aria-labelledby="roster-heading">
      <h2 id="roster-heading" class="roster-heading">
        Online — {users.length}
      </h2>
      <ul aria-label="Online users" class="roster-list">
        {users.map((name) =>
          nameKey(name) === nameKey(me) ? (
            <li key={name} class="roster-me">
              {name} <span class="you">(you)</span>
            </li>
          ) : (
            <li key={name}>
              <button type="button" class="roster-user" onClick={() => onPick(name)}>
                {name}
              </button>
              {memberExtra?.(name)}
            </li>
          ),
        )}
      </ul>
    </aside>
  );
}
