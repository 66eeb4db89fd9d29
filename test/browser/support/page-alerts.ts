// Recorders for what a page does to get attention, installed before its scripts run: the chime's
// notes (every WebAudio source the page starts) and desktop notifications (a stand-in Notification
// API whose permission starts as given). Each reloads the page so the recorder is in place.

import type { ChatPage } from './chat-page';

/** Counts the notes the page's audio plays; the real WebAudio path runs underneath. */
export async function recordChimes(chat: ChatPage): Promise<void> {
  await chat.context.addInitScript(() => {
    const notes = { started: 0 };
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (this: AudioScheduledSourceNode, ...args) {
      notes.started++;
      return start.apply(this, args);
    };
    Object.assign(window, { chimeNotes: notes });
  });
  await chat.page.reload();
}

/** The notes played so far (a chime is two). */
export const chimeNotes = (chat: ChatPage): Promise<number> =>
  chat.page.evaluate(() => (window as unknown as { chimeNotes: { started: number } }).chimeNotes.started);

/** Replaces the page's Notification API with a recorder whose permission starts as `permission`. */
export async function fakeNotifications(chat: ChatPage, permission: NotificationPermission): Promise<void> {
  await chat.context.addInitScript((initial) => {
    const shown: { title: string; body?: string }[] = [];
    class FakeNotification {
      static permission: NotificationPermission = initial;
      static last: FakeNotification | null = null;
      static async requestPermission(): Promise<NotificationPermission> {
        if (FakeNotification.permission === 'default') FakeNotification.permission = 'granted';
        return FakeNotification.permission;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, ...(options?.body === undefined ? {} : { body: options.body }) });
        FakeNotification.last = this;
      }
      close(): void {}
    }
    Object.assign(window, { Notification: FakeNotification, shownNotifications: shown });
  }, permission);
  await chat.page.reload();
}

/** The notifications shown so far, oldest first. */
export const notificationsShown = (chat: ChatPage) =>
  chat.page.evaluate(() =>
    (window as unknown as { shownNotifications: unknown[] }).shownNotifications.slice(),
  );

/** Clicks the newest notification, as the person would in their system tray. */
export const clickLastNotification = (chat: ChatPage) =>
  chat.page.evaluate(() => {
    const last = (window.Notification as unknown as { last: { onclick: (() => void) | null } }).last;
    last.onclick?.();
  });
