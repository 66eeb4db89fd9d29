// The open conversations: the lobby first, then one per private peer in the order they opened.
// Pure list operations; the chat store keeps the list in a signal.

import { nameKey } from '#protocol/username';
import type { LogLine } from './log-lines';

export const LOBBY = '#lobby';

export interface Conversation {
  /** LOBBY, or the peer's name in lower case ('#' is not allowed in usernames). */
  id: string;
  /** The peer's username as the room spells it; null for the lobby. */
  peer: string | null;
  lines: LogLine[];
  unread: number;
}

export const conversationId = (peer: string): string => nameKey(peer);

export function lobby(): Conversation {
  return { id: LOBBY, peer: null, lines: [], unread: 0 };
}

/** Returns the list with a conversation for `peer` (added at the end if it was not open). */
export function ensureConversation(list: readonly Conversation[], peer: string): Conversation[] {
  const id = conversationId(peer);
  if (list.some((c) => c.id === id)) return list as Conversation[];
  return [...list, { id, peer, lines: [], unread: 0 }];
}

export function closeConversation(list: readonly Conversation[], id: string): Conversation[] {
  return id === LOBBY ? (list as Conversation[]) : list.filter((c) => c.id !== id);
}

export function updateConversation(
  list: readonly Conversation[],
  id: string,
  change: (c: Conversation) => Conversation,
): Conversation[] {
  return list.map((c) => (c.id === id ? change(c) : c));
}
