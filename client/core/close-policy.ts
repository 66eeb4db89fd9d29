// What ChatClient does after its socket closed, by the close code (docs/protocol.md section 8).
// `ended`: a room owner kicked (4011) or banned (4012) this member, or closed the room (4013): stop,
// the session is gone, and never reconnect by ourselves. `replaced`: another tab took the name: stop.
// `fresh`: a socket that never joined was closed for it (a login screen left open): a new one at
// once, quietly. Anything else: reconnect with backoff. Tested in test/unit/client/core/close-policy.test.ts.

import { CLOSE_CODES } from '#protocol/errors';

export type FinalClose = 'kicked' | 'banned' | 'room_closed';

export type CloseAction =
  | { kind: 'ended'; why: FinalClose }
  | { kind: 'replaced' }
  | { kind: 'fresh' }
  | { kind: 'backoff' };

export function closeAction(code: number, joined: boolean): CloseAction {
  if (code === CLOSE_CODES.kicked) return { kind: 'ended', why: 'kicked' };
  if (code === CLOSE_CODES.banned) return { kind: 'ended', why: 'banned' };
  if (code === CLOSE_CODES.room_closed) return { kind: 'ended', why: 'room_closed' };
  if (code === CLOSE_CODES.replaced) return { kind: 'replaced' };
  if (code === CLOSE_CODES.deadline && !joined) return { kind: 'fresh' };
  return { kind: 'backoff' };
}
