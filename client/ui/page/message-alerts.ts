// Rings the chime and shows desktop notifications for new messages, mentions of us and file offers
// while the person is not looking (state/alert-policy.ts decides). Listens to the client's messages and the
// file layer's offers directly, so the chat store does not need to know about sounds or notifications.

import type { ReadonlySignal } from '@preact/signals';
import type { ChatClient } from '../../core/chat-client';
import type { FileTransfers } from '../../core/file-transfer/file-transfers';
import { alertFor, type IncomingMessage } from '../state/alert-policy';
import { mentionsMe } from '../state/mentioned';
import type { Preferences } from '../state/preferences';
import type { Chime } from './chime';
import type { DesktopNotifier, NotificationSubject } from './desktop-notifications';

export interface MessageAlertsOptions {
  client: Pick<ChatClient, 'on'>;
  /** Files offered to us: they ring and notify like messages (a private file like a private message). */
  fileOffers: Pick<FileTransfers, 'on'>;
  isMe: (name: string) => boolean;
  /** Our name now, for mentions (state/mentioned.ts). */
  me: () => string | null;
  attending: ReadonlySignal<boolean>;
  prefs: Pick<Preferences, 'sound' | 'notifications'>;
  chime: Chime;
  notifier: DesktopNotifier;
  /** Opens (and selects) the private conversation with `peer`. */
  openConversation: (peer: string) => void;
  /** Selects the Lobby (a click on a notification of a mention there). */
  openLobby: () => void;
  now?: () => number;
}

export function watchMessageAlerts(options: MessageAlertsOptions): () => void {
  const now = options.now ?? Date.now;
  let lastChimeAt: number | null = null;
  const arrived = (
    incoming: IncomingMessage,
    from: string,
    what: NotificationSubject,
    open = () => options.openConversation(from),
  ) => {
    const decision = alertFor(incoming, {
      attending: options.attending.value,
      soundOn: options.prefs.sound.value,
      notificationsOn: options.prefs.notifications.value && options.notifier.access() === 'granted',
      now: now(),
      lastChimeAt,
    });
    if (decision.chime) {
      lastChimeAt = now();
      options.chime.play();
    }
    if (decision.notify) options.notifier.show(from, open, what);
  };
  const stops = [
    options.client.on('message', (entry) => {
      const kind = entry.type === 'pm' ? 'private' : 'public';
      const mention = mentionsMe(entry, options.me());
      const incoming = { kind, fromMe: options.isMe(entry.from), mention } as const;
      // A private message notifies as one, mention or not; a Lobby mention opens the Lobby.
      if (kind === 'private') arrived(incoming, entry.from, 'message');
      else arrived(incoming, entry.from, 'mention', options.openLobby);
    }),
    options.fileOffers.on('offer', ({ offer }) =>
      arrived(
        { kind: offer.to === undefined ? 'public' : 'private', fromMe: options.isMe(offer.from) },
        offer.from,
        'file',
      ),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
