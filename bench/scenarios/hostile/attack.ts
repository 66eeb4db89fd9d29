// What every hostile-client attack provides to the runner (../hostile.ts): a setup that is not
// measured, the attack itself for a bounded time, and the sockets it opened, counted afterwards.

import type { Attacker } from './attacker';

export const ATTACK_IDS = ['slow-readers', 'replay', 'hoard', 'accept-storm'] as const;
export type AttackId = (typeof ATTACK_IDS)[number];

/** Frames per second an attacking socket sends: just under the room's default limit of 20/s. */
export const ATTACK_RATE = 15;

export interface AttackContext {
  url: string;
  timeoutMs: number;
  log: (message: string) => void;
}

export interface Attack {
  readonly id: AttackId;
  readonly title: string;
  /** Fills the room as the attack needs it (messages, a parked session, a staged file). */
  prepare(ctx: AttackContext): Promise<void>;
  /** Attacks until `until` (bench clock) or `stop`; must return soon after either. */
  run(ctx: AttackContext, until: number, stop: AbortSignal): Promise<void>;
  /** The attacking sockets opened so far. */
  readonly attackers: readonly Attacker[];
  /** Upgrades the room refused with an HTTP status (admission), by status; attacks that open no sockets of their own leave it out. */
  refused?(): Readonly<Record<number, number>>;
  /** What it did, for the notes: requests sent, sockets opened. */
  detail(): string;
  /** Closes helpers that are not attackers (fillers, a file sender). */
  cleanup(): void;
}

/** Settles `promises` within `ms`; what has not settled by then is left behind. */
export async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(promises), deadline]);
  clearTimeout(timer);
}
