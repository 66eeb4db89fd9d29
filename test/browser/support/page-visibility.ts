// Makes a page report itself hidden (as if another browser tab were in front) or visible again,
// for the features that depend on whether the person is looking: unread counts, notifications.

import type { ChatPage } from './chat-page';

export async function setPageHidden(chat: ChatPage, hidden: boolean): Promise<void> {
  await chat.page.evaluate((hide) => {
    if (hide) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    } else {
      // Back to the prototype's getters.
      Reflect.deleteProperty(document, 'visibilityState');
      Reflect.deleteProperty(document, 'hidden');
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
