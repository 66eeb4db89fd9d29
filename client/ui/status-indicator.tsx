// The page's one connection status (role="status"): Connecting…, Connected, Reconnecting…, Offline.

import type { ConnectionStatus } from '../core/chat-client';

const LABELS: Record<ConnectionStatus, string> = {
  idle: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  ended: 'Offline',
};

const TONES: Record<ConnectionStatus, 'ok' | 'busy' | 'down'> = {
  idle: 'busy',
  connecting: 'busy',
  connected: 'ok',
  reconnecting: 'busy',
  offline: 'down',
  ended: 'down',
};

export function StatusIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <p role="status" class={`status status--${TONES[status]}`}>
      {LABELS[status]}
    </p>
  );
}
