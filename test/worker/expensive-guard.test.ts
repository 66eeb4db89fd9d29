// The budget of expensive requests (worker/room/expensive-guard.ts), unit-tested here in workerd
// (the guard's types come from the room): which requests draw from it,
// and what a refused one is told.

import { describe, expect, it } from 'vitest';
import type { ClientMessage } from '#protocol/client-messages';
import type { ErrorCode } from '#protocol/errors';
import { ExpensiveGuard, isExpensive } from '../../worker/room/expensive-guard';
import type { LiveSocket } from '../../worker/room/live-socket';
import { fullBucket } from '../../worker/room/token-bucket';

function fakeRoom() {
  const errors: { code: ErrorCode; detail?: string; fileId?: string }[] = [];
  const room = {
    audit: { record: () => undefined, recordCapped: () => undefined },
    outbox: {
      error: (_live: unknown, code: ErrorCode, extra: { detail?: string; fileId?: string } = {}) => {
        errors.push({ code, ...extra });
      },
    },
  };
  return { room, errors };
}

function socket(burst: number, now: number): LiveSocket {
  return { att: { name: 'alice' }, expensive: fullBucket(burst, now) } as unknown as LiveSocket;
}

describe('the expensive-request budget', () => {
  it('counts history, search and file_accept, and nothing else', () => {
    const cases: [ClientMessage, boolean][] = [
      [{ type: 'history', before: 10 } as ClientMessage, true],
      [{ type: 'search', query: 'x' } as ClientMessage, true],
      [{ type: 'file_accept', fileId: 'f' } as ClientMessage, true],
      [{ type: 'msg', text: 'hi', cid: 1 } as ClientMessage, false],
      [{ type: 'file_ack', fileId: 'f', index: 0 } as ClientMessage, false],
    ];
    for (const [msg, expensive] of cases) expect(isExpensive(msg)).toBe(expensive);
  });

  it('admits a burst, refuses the next with too_expensive, and admits again after a refill', () => {
    const { room, errors } = fakeRoom();
    const guard = new ExpensiveGuard(room as never, { EXPENSIVE_PER_MIN: 60, EXPENSIVE_BURST: 3 });
    const live = socket(guard.burst, 0);
    const search = { type: 'search', query: 'x' } as const;
    expect([1, 2, 3].map(() => guard.admit(live, search, 0))).toEqual([true, true, true]);
    expect(guard.admit(live, search, 10)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('too_expensive');
    expect(errors[0]?.detail).toContain('search');
    // 60 a minute: one a second.
    expect(guard.admit(live, search, 1_010)).toBe(true);
  });

  it('names the file in a refused file_accept', () => {
    const { room, errors } = fakeRoom();
    const guard = new ExpensiveGuard(room as never, { EXPENSIVE_PER_MIN: 1, EXPENSIVE_BURST: 1 });
    const live = socket(1, 0);
    const accept = { type: 'file_accept', fileId: 'abc' } as const;
    expect(guard.admit(live, accept, 0)).toBe(true);
    expect(guard.admit(live, accept, 0)).toBe(false);
    expect(errors[0]?.fileId).toBe('abc');
  });
});
