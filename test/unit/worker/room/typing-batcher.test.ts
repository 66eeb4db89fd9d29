// Unit tests for worker/room/typing-batcher.ts: typing signals gathered into one batch per delay,
// each typist and private pair once, forgotten when they send or leave, with no timer when idle.

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type TypingBatch, TypingBatcher, typingDelay } from '../../../../worker/room/typing-batcher';

const DELAY = 250;

/** A batcher with a fixed delay, recording every batch it flushes. */
function setup(delay = () => DELAY) {
  const batches: TypingBatch[] = [];
  const batcher = new TypingBatcher(delay, (batch) => batches.push(batch));
  return { batcher, batches };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TypingBatcher', () => {
  it('keeps no timer while nobody types', () => {
    setup();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands over many signals within one delay as one batch, naming each typist once', () => {
    const { batcher, batches } = setup();
    for (let i = 0; i < 20; i++) {
      batcher.lobbyTyping('alice');
      batcher.lobbyTyping(i % 2 ? 'bob' : 'BOB');
      vi.advanceTimersByTime(10);
    }
    batcher.lobbyTyping('carol');
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(DELAY - 200);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.lobby.map((n) => n.toLowerCase())).toEqual(['alice', 'bob', 'carol']);
    expect(batches[0]?.direct).toEqual([]);
  });

  it('flushes once the delay after the first signal has passed, not later', () => {
    const { batcher, batches } = setup();
    batcher.lobbyTyping('alice');
    vi.advanceTimersByTime(DELAY - 1);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([{ lobby: ['alice'], direct: [] }]);
  });

  it('sends each private pair once per batch, however often its client signals', () => {
    const { batcher, batches } = setup();
    batcher.directTyping('alice', 'bob');
    batcher.directTyping('Alice', 'BOB');
    batcher.directTyping('alice', 'bob');
    batcher.directTyping('bob', 'alice');
    batcher.directTyping('alice', 'carol');
    vi.advanceTimersByTime(DELAY);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.lobby).toEqual([]);
    const pairs = batches[0]?.direct.map((p) => `${p.from.toLowerCase()}>${p.to.toLowerCase()}`);
    expect(pairs).toEqual(['alice>bob', 'bob>alice', 'alice>carol']);
  });

  it('starts a fresh batch after a flush, without repeating the last one', () => {
    const { batcher, batches } = setup();
    batcher.lobbyTyping('alice');
    batcher.directTyping('alice', 'bob');
    vi.advanceTimersByTime(DELAY);
    batcher.lobbyTyping('bob');
    vi.advanceTimersByTime(DELAY);
    expect(batches).toEqual([
      { lobby: ['alice'], direct: [{ from: 'alice', to: 'bob' }] },
      { lobby: ['bob'], direct: [] },
    ]);
  });

  it('lets its timer go after a flush, so an idle room keeps none', () => {
    const { batcher } = setup();
    batcher.lobbyTyping('alice');
    expect(vi.getTimerCount()).toBe(1);
    batcher.lobbyTyping('bob');
    batcher.directTyping('carol', 'dave');
    expect(vi.getTimerCount(), 'one timer however many signals').toBe(1);
    vi.advanceTimersByTime(DELAY);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops the pending signals of someone who sent or left, whatever the case of the name', () => {
    const { batcher, batches } = setup();
    batcher.lobbyTyping('alice');
    batcher.lobbyTyping('bob');
    batcher.directTyping('alice', 'carol');
    batcher.directTyping('carol', 'alice');
    batcher.forget('ALICE');
    vi.advanceTimersByTime(DELAY);
    expect(batches).toEqual([{ lobby: ['bob'], direct: [{ from: 'carol', to: 'alice' }] }]);
  });

  it('flushes nothing when every pending signal was forgotten', () => {
    const { batcher, batches } = setup();
    batcher.lobbyTyping('alice');
    batcher.directTyping('alice', 'bob');
    batcher.forget('alice');
    vi.advanceTimersByTime(DELAY);
    expect(batches).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes the delay for each batch from the room’s size at the time', () => {
    let delay = 100;
    const { batcher, batches } = setup(() => delay);
    batcher.lobbyTyping('alice');
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    delay = 900;
    batcher.lobbyTyping('bob');
    vi.advanceTimersByTime(899);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(2);
  });
});

describe('typingDelay', () => {
  it('uses the base delay in small rooms', () => {
    expect(typingDelay(1, 250)).toBe(250);
    expect(typingDelay(250, 250)).toBe(250);
  });

  it('grows with the room and stops at one second', () => {
    expect(typingDelay(600, 250)).toBe(600);
    expect(typingDelay(1_000, 250)).toBe(1_000);
    expect(typingDelay(100_000, 250)).toBe(1_000);
  });

  it('never shrinks as the room grows, and stays between the base and one second', () => {
    fc.assert(
      fc.property(fc.nat(200_000), fc.nat(200_000), fc.integer({ min: 1, max: 1_000 }), (a, b, base) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        const d = typingDelay(small, base);
        return d <= typingDelay(big, base) && d >= base && d <= 1_000;
      }),
    );
  });
});
