// Desktop notifications (Notification API) for private messages, private files and mentions, opt-in. They
// name the sender but never show the message or the file's name: the operating system keeps notification text in its history and
// shows it on lock screens, outside the chat's control.

export type NotificationAccess = NotificationPermission | 'unsupported';

/** What arrived: a private message, a file offered to this person only, or a message mentioning them. */
export type NotificationSubject = 'message' | 'file' | 'mention';

const TEXTS: Record<NotificationSubject, { title: (from: string) => string; body: string }> = {
  message: { title: (from) => `Private message from ${from}`, body: 'Open ChatSpace to read it.' },
  mention: { title: (from) => `${from} mentioned you`, body: 'Open ChatSpace to read it.' },
  file: { title: (from) => `${from} sent you a file`, body: 'Open ChatSpace to accept or decline it.' },
};

export interface DesktopNotifier {
  access(): NotificationAccess;
  /** Asks the browser for permission (call it from a click); true when granted. */
  request(): Promise<boolean>;
  /** Shows "Private message from alice" (or "alice sent you a file", "alice mentioned you"); a click focuses the window and runs `open`. */
  show(from: string, open: () => void, what?: NotificationSubject): void;
}

export function createDesktopNotifier(win: Window): DesktopNotifier {
  const Api = (win as Window & { Notification?: typeof Notification }).Notification;
  return {
    access: () => (Api ? Api.permission : 'unsupported'),
    async request() {
      if (!Api) return false;
      if (Api.permission === 'granted') return true;
      if (Api.permission === 'denied') return false;
      try {
        return (await Api.requestPermission()) === 'granted';
      } catch {
        return false;
      }
    },
    show(from, open, what = 'message') {
      if (Api?.permission !== 'granted') return;
      try {
        // One notification per sender (and one per sender's mentions): a newer one replaces the older.
        const notification = new Api(TEXTS[what].title(from), {
          body: TEXTS[what].body,
          tag: `chatspace-${what === 'mention' ? 'mention' : 'pm'}-${from.toLowerCase()}`,
        });
        notification.onclick = () => {
          win.focus();
          open();
          notification.close();
        };
      } catch {
        // Some browsers allow notifications only from a service worker: then there are none.
      }
    },
  };
}
