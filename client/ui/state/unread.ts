// Unread counts: when a message counts as unread, the badge and its accessible text, and the page
// title with the total ("(3) ChatSpace"). Pure; the chat store, the tab strip and the title use it.

/** The app's name, and the page title with nothing unread. */
export const APP_TITLE = 'ChatSpace';

/**
 * A message from someone else is unread unless its conversation is the open tab and the person
 * can see it (the page is visible and the window focused).
 */
export function countsAsUnread(conversationId: string, activeId: string, attending: boolean): boolean {
  return conversationId !== activeId || !attending;
}

export function totalUnread(conversations: readonly { unread: number }[]): number {
  return conversations.reduce((sum, c) => sum + c.unread, 0);
}

/**
 * The number on a badge: null when there is nothing unread, "99+" past 99; "@3" when one of them
 * mentions us, so a mention stands out from plain unread.
 */
export function unreadBadge(unread: number, mentions = 0): string | null {
  if (unread <= 0) return null;
  const count = unread > 99 ? '99+' : String(unread);
  return mentions > 0 ? `@${count}` : count;
}

/** The badge's text for assistive technology, e.g. "3 unread", or "3 unread, mentioned". */
export function unreadText(unread: number, mentions = 0): string {
  return mentions > 0 ? `${unread} unread, mentioned` : `${unread} unread`;
}

/**
 * "ChatSpace", or "(3) ChatSpace" with 3 unread messages across every tab; in a named room, its
 * name first: "rust · ChatSpace", "(3) rust · ChatSpace", and its topic after the name when it has
 * one: "rust — Talk about Rust · ChatSpace".
 */
export function documentTitle(total: number, room?: string, topic?: string): string {
  const badge = unreadBadge(total);
  const place = room && topic ? `${room} — ${topic}` : (room ?? topic);
  const title = place ? `${place} · ${APP_TITLE}` : APP_TITLE;
  return badge === null ? title : `(${badge}) ${title}`;
}
