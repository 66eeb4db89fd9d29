// Rings the chime and shows desktop notifications for new messages while the person is not
// looking (state/alert-policy.ts decides). Listens to the client's messages directly, so the
// chat store does not need to know about sounds or notifications.

import type { ReadonlySignal } from '@preact/signals';
import type { ChatClient } from '../../core/chat-client';
import { alertFor } from '../state/alert-policy';
import type { Preferences } from '../state/preferences';
import type { Chime } from './chime';
import type { DesktopNotifier } from './desktop-notifications';

export interface MessageAlertsOptions {
  client: Pick<ChatClient, 'on'>;
  isMe: (name: string) => boolean;
  attending: ReadonlySignal<boolean>;
  prefs: Pick<Preferences, 'sound' | 'notifications'>;
  chime: Chime;
  notifier: DesktopNotifier;
  /** Opens (and selects) the private conversation with `peer`. */
  openConversation: (peer: string) => void;
  now?: () => number;
}

export function watchMessageAlerts(options: MessageAlertsOptions): () => void {
  const now = options.now ?? Date.now;
  let lastChimeAt: number | null = null;
  return options.client.on('message', (entry) => {
    const decision = alertFor(
      { kind: entry.type === 'pm' ? 'private' : 'public', fromMe: options.isMe(entry.from) },
      {
        attending: options.attending.value,
        soundOn: options.prefs.sound.value,
        notificationsOn: options.prefs.notifications.value && options.notifier.access() === 'granted',
        now: now(),
        lastChimeAt,
      },
    );
    if (decision.chime) {
      lastChimeAt = now();
      options.chime.play();
    }
    if (decision.notify) options.notifier.show(entry.from, () => options.openConversation(entry.from));
  });
}
