// @mentions in a message's text: `@name` (any case) not glued to a word before or after it, as in
// "hi @Bob!" but not "bob@example.com" or "@bobby" for bob. `@everyone` mentions every member, and
// the room lets only its admin send it in the Lobby (worker/room/handlers/chat.ts). The client
// highlights and rings by the same rules. Tested in test/unit/worker/protocol/mentions.test.ts.

import { USERNAME_MAX } from './limits';

/** The word that mentions everyone; reserved as a username (username.ts). */
export const EVERYONE = 'everyone';

/** An `@` not after a name character, then a name (longer runs are not names), then no name character. */
const MENTION = new RegExp(
  `(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{1,${Math.max(USERNAME_MAX, EVERYONE.length)}})(?![A-Za-z0-9_@])`,
  'g',
);

export interface Mention {
  /** The name as written, without the `@`. */
  name: string;
  /** [start, end) of `@name` in the text (UTF-16 indices). */
  start: number;
  end: number;
}

/** Every `@name` in `text`, in order. */
export function findMentions(text: string): Mention[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(MENTION)].map((match) => ({
    name: match[1] ?? '',
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** `text` mentions `@everyone`. */
export function mentionsEveryone(text: string): boolean {
  return findMentions(text).some((m) => m.name.toLowerCase() === EVERYONE);
}

/** `text` mentions `name` itself (case-insensitive); `@everyone` counts only when `everyone` says so. */
export function mentionsName(text: string, name: string, everyone = false): boolean {
  const wanted = name.toLowerCase();
  return findMentions(text).some((m) => {
    const said = m.name.toLowerCase();
    return said === wanted || (everyone && said === EVERYONE);
  });
}
