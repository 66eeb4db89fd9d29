// Failed admin logins per client IP, in this worker isolate's memory: after MAX_FAILURES wrong
// tokens in a window the IP gets 429 until the window ends, whatever token it sends. Bounded: at
// most MAX_TRACKED_IPS addresses, the oldest forgotten first. Tested in
// test/unit/worker/http/failed-attempts.test.ts and test/worker/admin-limits.test.ts.

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 60_000;
export const MAX_TRACKED_IPS = 1_000;

interface Window {
  start: number;
  failures: number;
  /** The room was told once that this IP is being refused (see admin-auth.ts). */
  reported: boolean;
}

export class FailedAttempts {
  private readonly byIp = new Map<string, Window>();

  /** Seconds until `ip` may try again, or 0 when it may try now. */
  retryAfterS(ip: string, now: number): number {
    const window = this.current(ip, now);
    if (!window || window.failures < MAX_FAILURES) return 0;
    return Math.max(1, Math.ceil((window.start + FAILURE_WINDOW_MS - now) / 1000));
  }

  /** Counts a wrong token from `ip`. */
  fail(ip: string, now: number): void {
    const window = this.current(ip, now);
    if (window) {
      window.failures++;
      return;
    }
    if (this.byIp.size >= MAX_TRACKED_IPS) this.evict(now);
    this.byIp.set(ip, { start: now, failures: 1, reported: false });
  }

  /** True the first time it is asked about a refused IP in its window: that refusal is audited. */
  firstRefusal(ip: string, now: number): boolean {
    const window = this.current(ip, now);
    if (!window || window.reported) return false;
    window.reported = true;
    return true;
  }

  get size(): number {
    return this.byIp.size;
  }

  private current(ip: string, now: number): Window | undefined {
    const window = this.byIp.get(ip);
    if (window && now - window.start >= FAILURE_WINDOW_MS) {
      this.byIp.delete(ip);
      return undefined;
    }
    return window;
  }

  /** Drops ended windows, and if none had ended, the oldest one (Map keeps insertion order). */
  private evict(now: number): void {
    for (const [ip, window] of this.byIp) {
      if (now - window.start >= FAILURE_WINDOW_MS) this.byIp.delete(ip);
    }
    if (this.byIp.size < MAX_TRACKED_IPS) return;
    const oldest = this.byIp.keys().next();
    if (!oldest.done) this.byIp.delete(oldest.value);
  }
}
