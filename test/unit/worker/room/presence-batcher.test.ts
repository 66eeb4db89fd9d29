// The presence batcher (worker/room/presence-batcher.ts): keys still waiting in a batch can go
// ahead to a recipient, once per sender and recipient, until the batch is taken for delivery; the
// batch is taken when it is delivered, so a change made in between goes with it.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublishedKeys } from '#protocol/e2e-messages';
import { type PresenceBatch, PresenceBatcher } from '../../../../worker/room/presence-batcher';

/** Keys of the published shape (the batcher only carries them). */
const KEYS: PublishedKeys = {
  identity: 'i'.repeat(43),
  prekey: { id: '0123456789abcdef', key: 'k'.repeat(43), createdAt: 0, sig: 's'.repeat(86) },
};

afterEach(() => {
  vi.useRealTimers();
});

/** A batcher with a 50 ms delay whose flushes are held until the test takes them. */
function batcher() {
  const due: (() => PresenceBatch)[] = [];
  const presence = new PresenceBatcher(
    () => 50,
    (take) => due.push(take),
  );
  return { presence, due };
}

describe('keys sent ahead of a sealed message', () => {
  it('are given once per sender and recipient while they wait, whatever the names’ case', () => {
    vi.useFakeTimers();
    const { presence } = batcher();
    presence.join('Alice');
    presence.keys('Alice', KEYS);
    expect(presence.keysAhead('alice', 'bob')).toBe(KEYS);
    expect(presence.keysAhead('ALICE', 'Bob')).toBeNull();
    expect(presence.keysAhead('alice', 'carol')).toBe(KEYS);
    expect(presence.keysAhead('bob', 'alice')).toBeNull();
  });

  it('are not given once the batch is taken for delivery, even if the timer fired before', () => {
    vi.useFakeTimers();
    const { presence, due } = batcher();
    presence.keys('alice', KEYS);
    vi.advanceTimersByTime(50);
    expect(due).toHaveLength(1);
    // The flush waits in the room's queue behind a message: the keys can still go ahead of it.
    expect(presence.keysAhead('alice', 'bob')).toBe(KEYS);
    expect(due[0]?.()).toEqual([{ change: 'keys', name: 'alice', keys: KEYS }]);
    expect(presence.keysAhead('alice', 'carol')).toBeNull();
  });
});

describe('a presence batch', () => {
  it('is taken when delivered, with a change made after its timer fired; the later flush is empty', () => {
    vi.useFakeTimers();
    const { presence, due } = batcher();
    presence.join('alice');
    vi.advanceTimersByTime(50);
    presence.join('bob');
    expect(due[0]?.()).toEqual([
      { change: 'join', name: 'alice' },
      { change: 'join', name: 'bob' },
    ]);
    vi.advanceTimersByTime(50);
    expect(due).toHaveLength(2);
    expect(due[1]?.()).toEqual([]);
  });
});
