// The room's budget of expensive requests: a history page, a search and a file_accept (a download
// start or restart) each cost a read of SQLite or R2 far above a chat frame's, so each socket has a
// second token bucket for them (EXPENSIVE_PER_MIN, EXPENSIVE_BURST), apart from the frame rate
// limit. A request past it is answered `too_expensive` and dropped; nothing else is. In memory, on
// the LiveSocket like the flood bucket: an eviction refills it. Tested in test/worker/expensive-requests.test.ts.

import type { Config } from '../config';
import type { ClientMessage } from '../protocol/client-messages';
import type { LiveSocket } from './live-socket';
import { logEvent } from './log';
import type { RoomContext } from './room-context';
import { takeToken } from './token-bucket';

/** The requests that draw from the expensive budget. */
export type ExpensiveRequest = Extract<ClientMessage, { type: 'history' | 'search' | 'file_accept' }>;

export function isExpensive(msg: ClientMessage): msg is ExpensiveRequest {
  return msg.type === 'history' || msg.type === 'search' || msg.type === 'file_accept';
}

/** Refusals recorded one by one in a minute; past it they are only counted. */
export const EXPENSIVE_REFUSALS_LOGGED_PER_MINUTE = 10;

export class ExpensiveGuard {
  /** Tokens a second. */
  readonly rate: number;
  readonly burst: number;

  constructor(
    private readonly room: Pick<RoomContext, 'audit' | 'outbox'>,
    config: Pick<Config, 'EXPENSIVE_PER_MIN' | 'EXPENSIVE_BURST'>,
  ) {
    this.rate = config.EXPENSIVE_PER_MIN / 60;
    this.burst = config.EXPENSIVE_BURST;
  }

  /** Takes a token for `msg`; false means it was refused and its sender told so. */
  admit(live: LiveSocket, msg: ExpensiveRequest, now: number): boolean {
    if (takeToken(live.expensive, this.rate, this.burst, now)) return true;
    const user = live.att.name ?? null;
    const waitMs = Math.ceil(((1 - live.expensive.tokens) / this.rate) * 1000);
    logEvent('too_expensive', { name: user, type: msg.type });
    // A script hammering away writes a few rows a minute, then only a count (audit-log.ts).
    this.room.audit.recordCapped(
      'rate_limited',
      { user, code: 'too_expensive' },
      EXPENSIVE_REFUSALS_LOGGED_PER_MINUTE,
    );
    const about = msg.type === 'file_accept' ? { fileId: msg.fileId } : {};
    this.room.outbox.error(live, 'too_expensive', {
      ...about,
      detail: `${msg.type}: ${this.burst} at once, ${this.rate * 60} a minute; the next in ${waitMs} ms`,
    });
    return false;
  }
}
