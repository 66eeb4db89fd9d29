// Asking the room for a peer's keys when an envelope's signer is unknown (client/core/e2e/key-fetch.ts):
// one request per signer key, a wait that ends on the answer or after the timeout, never twice.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyFetches } from '../../../../../client/core/e2e/key-fetch';

afterEach(() => {
  vi.useRealTimers();
});

describe('fetching a peer’s keys for an unknown signer', () => {
  it('asks the room once and goes on when the keys are answered', async () => {
    const request = vi.fn(() => true);
    const fetches = new KeyFetches(request);
    const first = fetches.fetch('Alice', 'aaaaaaaaaaaaaaaa');
    const second = fetches.fetch('alice', 'bbbbbbbbbbbbbbbb');
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith('Alice');
    fetches.answered('ALICE');
    expect(await first).toBe(true);
    expect(await second).toBe(true);
  });

  it('gives up waiting after the timeout when the room never answers', async () => {
    vi.useFakeTimers();
    const fetches = new KeyFetches(() => true, 2_000);
    let settled = false;
    const waiting = fetches.fetch('alice', 'aaaaaaaaaaaaaaaa').then((asked) => {
      settled = true;
      return asked;
    });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toBe(true);
  });

  it('does not ask again, or wait, for a signer key it already asked about', async () => {
    const request = vi.fn(() => true);
    const fetches = new KeyFetches(request);
    const first = fetches.fetch('alice', 'aaaaaaaaaaaaaaaa');
    fetches.answered('alice');
    await first;
    expect(await fetches.fetch('alice', 'aaaaaaaaaaaaaaaa')).toBe(false);
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('does not wait when the request cannot be sent', async () => {
    const fetches = new KeyFetches(() => false);
    expect(await fetches.fetch('alice', 'aaaaaaaaaaaaaaaa')).toBe(false);
  });
});
