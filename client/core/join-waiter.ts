// The join() a caller is waiting on: the room's `joined` resolves it; a refusal, or the socket
// closing before the room answered, rejects it. A `joined` nobody waits for answers a resume.

import type { ServerMessageOf } from '#protocol/server-messages';
import type { RoomError } from './room-error';

type Joined = ServerMessageOf<'joined'>;

export class JoinWaiter {
  private waiter: { resolve: (m: Joined) => void; reject: (e: RoomError) => void } | null = null;

  /** A join is waiting for the room's answer. */
  get waiting(): boolean {
    return this.waiter !== null;
  }

  /** The answer to the join about to be sent (it replaces any earlier wait). */
  wait(): Promise<Joined> {
    return new Promise<Joined>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  resolve(message: Joined): void {
    this.waiter?.resolve(message);
    this.waiter = null;
  }

  /** Rejects the waiting join; false when none was waiting. */
  reject(error: RoomError): boolean {
    if (!this.waiter) return false;
    this.waiter.reject(error);
    this.waiter = null;
    return true;
  }
}
