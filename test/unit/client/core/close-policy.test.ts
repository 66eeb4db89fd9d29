// What ChatClient does after a close (client/core/close-policy.ts): never reconnect by itself after
// a kick, a ban or a closed room; stop when replaced; a fresh socket for one that never joined.

import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import { closeAction } from '../../../../client/core/close-policy';

describe('closeAction', () => {
  it('ends the session on a kick, a ban or a closed room, joined or not', () => {
    for (const joined of [true, false]) {
      expect(closeAction(CLOSE_CODES.kicked, joined)).toEqual({ kind: 'ended', why: 'kicked' });
      expect(closeAction(CLOSE_CODES.banned, joined)).toEqual({ kind: 'ended', why: 'banned' });
      expect(closeAction(CLOSE_CODES.room_closed, joined)).toEqual({ kind: 'ended', why: 'room_closed' });
    }
  });

  it('stops when replaced, opens a fresh socket for one that never joined, and backs off otherwise', () => {
    expect(closeAction(CLOSE_CODES.replaced, true)).toEqual({ kind: 'replaced' });
    expect(closeAction(CLOSE_CODES.deadline, false)).toEqual({ kind: 'fresh' });
    expect(closeAction(CLOSE_CODES.deadline, true)).toEqual({ kind: 'backoff' });
    expect(closeAction(CLOSE_CODES.stale, true)).toEqual({ kind: 'backoff' });
    expect(closeAction(1006, true)).toEqual({ kind: 'backoff' });
  });
});
