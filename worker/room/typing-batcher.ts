// Gathers typing signals and hands them over as one batch per interval: however many people type
// in the Lobby, each member gets at most one typing frame per flush, and a private pair at most one
// per flush however often its client signals. In memory only: a lost signal just expires sooner.
// The timer is one-shot and only runs while a batch is pending; an idle room keeps none.

import { nameKey } from '../protocol/username';

export interface TypingBatch {
  /** Lobby typists since the last flush, by name, without repeats. */
  lobby: string[];
  /** Private pairs since the last flush, without repeats. */
  direct: { from: string; to: string }[];
}

export class TypingBatcher {
  private lobby = new Map<string, string>();
  private direct = new Map<string, { from: string; to: string }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** How long to gather signals; grows with the room's size (see typingDelay). */
    private readonly delayMs: () => number,
    private readonly flush: (batch: TypingBatch) => void,
  ) {}

  lobbyTyping(name: string): void {
    this.lobby.set(nameKey(name), name);
    this.schedule();
  }

  directTyping(from: string, to: string): void {
    this.direct.set(`${nameKey(from)}>${nameKey(to)}`, { from, to });
    this.schedule();
  }

  /** Someone sent or left: a signal still pending for them must not revive their indicator. */
  forget(name: string): void {
    const key = nameKey(name);
    this.lobby.delete(key);
    for (const [pair, p] of this.direct) if (nameKey(p.from) === key) this.direct.delete(pair);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = { lobby: [...this.lobby.values()], direct: [...this.direct.values()] };
      this.lobby.clear();
      this.direct.clear();
      if (batch.lobby.length > 0 || batch.direct.length > 0) this.flush(batch);
    }, this.delayMs());
  }
}

/**
 * Small rooms see typing within TYPING_COALESCE_MS. A flush costs one frame per member, so big rooms
 * gather longer (a second at 1,000 members): at most one typing frame per member per second,
 * well inside the indicator's TYPING_EXPIRY_MS.
 */
export function typingDelay(members: number, baseMs: number): number {
  return Math.min(1_000, Math.max(baseMs, members));
}
