// Rooms created per client IP: a token bucket per address (token-bucket.ts, as each socket's frame
// limit), `perHour` a burst and refilled over an hour. Kept in the one RoomDirectory's memory, so it
// holds across worker isolates; an eviction forgets it, which only ever lets someone create sooner.
// Bounded: at most MAX_TRACKED_IPS addresses, the oldest forgotten first. The address is never stored.

import { fullBucket, type TokenBucket, takeToken } from '../room/token-bucket';

export const MAX_TRACKED_IPS = 10_000;
const HOUR_S = 3600;

export class CreationLimit {
  private readonly byIp = new Map<string, TokenBucket>();

  /** Takes one creation for `ip`: 0 when allowed, else the seconds until one is. */
  take(ip: string, perHour: number, now: number): number {
    let bucket = this.byIp.get(ip);
    if (!bucket) {
      if (this.byIp.size >= MAX_TRACKED_IPS) this.evictOldest();
      bucket = fullBucket(perHour, now);
      this.byIp.set(ip, bucket);
    }
    const rate = perHour / HOUR_S;
    if (takeToken(bucket, rate, perHour, now)) return 0;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }

  private evictOldest(): void {
    const oldest = this.byIp.keys().next();
    if (!oldest.done) this.byIp.delete(oldest.value);
  }
}
