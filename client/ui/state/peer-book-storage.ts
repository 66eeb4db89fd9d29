// Where the browser keeps an end-to-end session's peer book (client/core/e2e/peer-keys.ts): in
// sessionStorage beside the resume token, one key per session id, so it lasts as long as the session
// can (the tab) and is dropped when the session ends. Public keys only.

import type { PeerBookStorage } from '../../core/e2e/peer-keys';
import type { SimpleStorage } from './safe-storage';

const PREFIX = 'chatspace:peers:';

export function peerBookStorage(
  storage: SimpleStorage,
  sessionId: string,
): PeerBookStorage & { drop(): void } {
  const key = PREFIX + sessionId;
  return {
    load: () => storage.getItem(key),
    save: (json) => storage.setItem(key, json),
    drop: () => storage.removeItem(key),
  };
}
