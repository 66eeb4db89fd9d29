// Keeps the page title in step with the unread total: "(3) ChatSpace", or "ChatSpace".

import { effect, type ReadonlySignal } from '@preact/signals';
import type { Conversation } from '../state/conversations';
import { documentTitle, totalUnread } from '../state/unread';

export function syncDocumentTitle(
  doc: Document,
  conversations: ReadonlySignal<readonly Conversation[]>,
): void {
  effect(() => {
    doc.title = documentTitle(totalUnread(conversations.value));
  });
}
