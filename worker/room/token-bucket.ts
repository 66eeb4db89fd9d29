// A token bucket: `rate` tokens a second up to `burst`. Pure and clock-injected, so it is
// unit-tested without sleeping. Each socket has one; see flood-guard.ts for how floods end.

export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export function fullBucket(burst: number, now: number): TokenBucket {
  return { tokens: burst, updatedAt: now };
}

/** Refills for the time elapsed, then takes one token if there is one. */
export function takeToken(bucket: TokenBucket, rate: number, burst: number, now: number): boolean {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
  bucket.tokens = Math.min(burst, bucket.tokens + elapsed * rate);
  bucket.updatedAt = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
