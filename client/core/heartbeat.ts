// The client's heartbeat: a ping every interval while the socket is open (the room's runtime
// answers it without waking the room), and the verdict that the network is gone when nothing at
// all has come from the room for three beats, even if no close event came.

import { HEARTBEAT_PING } from '#protocol/limits';
import type { SecureChannel } from './secure-channel';

export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;

  constructor(
    /** 0 turns the heartbeat off. */
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  /** Anything from the room (a message, a pong, a chunk) counts as hearing from it. */
  heard(): void {
    this.lastHeard = this.now();
  }

  /** Beats for whatever `channel()` is while it is open; `lost` hears of it when it went quiet. */
  start(channel: () => SecureChannel | null, lost: (channel: SecureChannel) => void): void {
    this.stop();
    const interval = this.intervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      const current = channel();
      if (!current?.isOpen) return;
      if (this.now() - this.lastHeard > interval * 3) {
        lost(current);
        return;
      }
      current.sendRaw(HEARTBEAT_PING);
    }, interval);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
