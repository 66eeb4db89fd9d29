// Code that exists only for the local R2 simulator. Under `wrangler dev` (and in the worker
// tests) miniflare's R2 runs inside the room's own single-threaded workerd, and its work never
// waits on the network: while it has work queued, the event loop reads no socket, so a 25 MiB
// upload written back to back held every frame in the room, chat included, for up to 900 ms.
// With pacing on, staging.ts feeds R2 in 64 KiB slices and gives the runtime a turn between them.
// In production R2 runs outside the isolate and none of this is needed: a deploy may set
// LOCAL_R2_PACING = "off" (wrangler.toml; worker/config.ts parses it). On is the safe default.

import type { Config } from '../../config';

/** How staging.ts feeds an object to R2. */
export interface R2Pacing {
  /** Largest piece written at once. */
  readonly sliceBytes: number;
  /** Awaited before each piece; null when the pieces go one after the other. */
  readonly beforeSlice: (() => Promise<void>) | null;
}

/**
 * Measured with local R2: 1 MiB objects in one piece held other requests for 30–120 ms (p90), in
 * 64 KiB slices for 6–13 ms, and took no longer (bench/r2-floor.ts).
 */
export const LOCAL_R2_SLICE_BYTES = 64 * 1024;

/** For the simulator: a frame waits for one slice at most, not for a whole object. */
export const LOCAL_R2_PACING: R2Pacing = { sliceBytes: LOCAL_R2_SLICE_BYTES, beforeSlice: eventLoopTurn };

/** For R2 proper: each object is written in one piece. */
export const NO_R2_PACING: R2Pacing = { sliceBytes: Number.POSITIVE_INFINITY, beforeSlice: null };

export function r2PacingFrom(settings: Pick<Config, 'LOCAL_R2_PACING'>): R2Pacing {
  return settings.LOCAL_R2_PACING === 'off' ? NO_R2_PACING : LOCAL_R2_PACING;
}

/** Resolves once the runtime has polled for I/O: a timer fires only after that poll. */
function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
