// Keeps the page title in step with the unread total and the room: "(3) ChatSpace", "ChatSpace",
// or in a room other than the lobby "rust · ChatSpace".

import { effect, type ReadonlySignal } from '@preact/signals';
import type { Conversation } from '../state/conversations';
import { documentTitle, totalUnread } from '../state/unread';

export function syncDocumentTitle(
  doc: Document,
  conversations: ReadonlySignal<readonly Conversation[]>,
  room?: string,
): void {
  effect(() => {
    doc.title = documentTitle(totalUnread(conversations.value), room);
  });
}
