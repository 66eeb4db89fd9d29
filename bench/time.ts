// Small timing helpers for the bench: one monotonic clock shared by every client in this process,
// sleeps, and a timeout wrapper so that no wait can hang the run.

import { performance } from 'node:perf_hooks';

/** Milliseconds on the monotonic clock; all clients share it, so send→receive is comparable. */
export function now(): number {
  return performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms)} ms`);
    this.name = 'TimeoutError';
  }
}

/** Resolves like `promise`, or rejects with a TimeoutError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `done` every `everyMs` until it holds or `ms` passes; returns whether it held. */
export async function waitUntil(done: () => boolean, ms: number, everyMs = 10): Promise<boolean> {
  const end = now() + ms;
  while (!done()) {
    if (now() >= end) return false;
    await sleep(everyMs);
  }
  return true;
}
