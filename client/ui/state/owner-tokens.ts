// Keeps a room's owner token, which POST /api/rooms gives its creator once (docs/protocol.md
// section 4.2). In localStorage under the room's scoped key (room-scope.ts): unlike the resume token it
// must outlive the tab, since nothing can give it again. Read values are checked, never trusted.
// Tested in test/unit/client/ui/state/owner-tokens.test.ts.

import type { SimpleStorage } from './safe-storage';

const KEY = 'chatspace:owner';
/** The room refuses longer tokens (worker/protocol/moderation-requests.ts). */
const MAX_TOKEN = 512;

export function loadOwnerToken(storage: SimpleStorage): string | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  if (raw.length > 0 && raw.length <= MAX_TOKEN && !/\s/.test(raw)) return raw;
  storage.removeItem(KEY);
  return null;
}

export function saveOwnerToken(storage: SimpleStorage, token: string | null): void {
  if (token) storage.setItem(KEY, token);
  else storage.removeItem(KEY);
}
