// The sending side of typing indicators: while someone types, at most one signal per conversation
// every TYPING_SIGNAL_MS. Sending the message resets it, so typing the next one shows at once.

import { TYPING_SIGNAL_MS } from '#protocol/limits';

export class TypingSignal {
  /** When the last signal went, per conversation (null: the Lobby). */
  private last = new Map<string | null, number>();

  constructor(
    /** Sends the signal; false when it could not go (offline), so the next keystroke tries again. */
    private readonly send: (to: string | null) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** A keystroke in the composer of the Lobby (null) or of a private conversation. */
  typed(to: string | null): void {
    const last = this.last.get(to);
    const now = this.now();
    if (last !== undefined && now - last < TYPING_SIGNAL_MS) return;
    if (this.send(to)) this.last.set(to, now);
  }

  /** The message went: the indicator clears on the other side, and the next keystroke signals again. */
  sent(to: string | null): void {
    this.last.delete(to);
  }
}
