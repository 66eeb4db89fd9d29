// The room's flood control: a token bucket per socket (RATE_LIMIT_PER_SEC, RATE_LIMIT_BURST).
// The first refused frame gets one `rate_limited` error; a socket that keeps going past a whole
// burst of refusals is closed. Refusals and closes are logged and audited, never the frames.

import type { Config } from '../config';
import { CLOSE_CODES } from '../protocol/errors';
import type { LiveSocket } from './live-socket';
import { logEvent } from './log';
import type { RoomContext } from './room-context';
import { takeToken } from './token-bucket';

export class FloodGuard {
  readonly rate: number;
  readonly burst: number;

  constructor(
    private readonly room: Pick<RoomContext, 'audit' | 'outbox' | 'disconnect'>,
    config: Pick<Config, 'RATE_LIMIT_PER_SEC' | 'RATE_LIMIT_BURST'>,
  ) {
    this.rate = config.RATE_LIMIT_PER_SEC;
    this.burst = config.RATE_LIMIT_BURST;
  }

  /** Takes a token for one frame; false means the frame is dropped (and the sender told once). */
  admit(live: LiveSocket, now: number): boolean {
    if (takeToken(live.bucket, this.rate, this.burst, now)) {
      if (live.bucket.tokens >= this.burst - 1) live.strikes = 0;
      return true;
    }
    live.strikes++;
    const user = live.att.name ?? null;
    if (live.strikes === 1) {
      logEvent('rate_limited', { name: user });
      this.room.audit.record('rate_limited', { user, code: 'rate_limited' });
      this.reject(live, 'rate_limited');
    } else if (live.strikes > this.burst) {
      logEvent('rate_limit_close', { name: user });
      this.room.audit.record('rate_limited', { user, code: 'rate_limit_close' });
      this.room.disconnect(live, CLOSE_CODES.rate_limited, 'rate limited', 'kicked');
    }
    return false;
  }

  /** An error before the key exchange goes in plaintext; after it, encrypted. */
  reject(live: LiveSocket, code: 'too_large' | 'rate_limited'): void {
    if (live.att.key) this.room.outbox.error(live, code);
    else this.room.outbox.controlError(live.ws, code);
  }
}
