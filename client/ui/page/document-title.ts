// Keeps the page title in step with the unread total across every room and the room on screen:
// "(3) ChatSpace", "ChatSpace", or in a named room "rust · ChatSpace", with its topic when it has
// one: "rust — Talk about Rust · ChatSpace".

import { effect } from '@preact/signals';
import { documentTitle } from '../state/unread';

export interface TitleParts {
  /** Unread messages across every room. */
  total: number;
  /** The room's name; absent in the lobby while it is the only room. */
  room?: string;
  topic?: string;
}

/** `read` is evaluated inside an effect: the title follows every signal it reads. */
export function syncDocumentTitle(doc: Document, read: () => TitleParts): void {
  effect(() => {
    const { total, room, topic } = read();
    doc.title = documentTitle(total, room, topic);
  });
}
