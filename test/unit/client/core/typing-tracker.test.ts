// Unit tests for client/core/typing-tracker.ts: who is shown as typing in each conversation, how
// long an indicator lasts after the last signal, and what sending or leaving clears.

import { describe, expect, it } from 'vitest';
import { TYPING_EXPIRY_MS } from '#protocol/limits';
import { nameKey } from '#protocol/username';
import { TypingTracker, typingText } from '../../../../client/core/typing-tracker';

const T0 = 1_000_000;

describe('typingText', () => {
  it('says nothing when nobody is typing', () => {
    expect(typingText([])).toBeNull();
  });

  it('names one or two typists', () => {
    expect(typingText(['alice'])).toBe('alice is typing…');
    expect(typingText(['alice', 'bob'])).toBe('alice and bob are typing…');
  });

  it('stops naming people from three typists on', () => {
    expect(typingText(['alice', 'bob', 'carol'])).toBe('several people are typing…');
    expect(typingText(['a1', 'a2', 'a3', 'a4', 'a5'])).toBe('several people are typing…');
  });
});

describe('TypingTracker', () => {
  it('shows Lobby typists in the Lobby only, in the order they started', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['bob', 'carol'], false, T0 + 10);
    expect(tracker.typists(null, T0 + 20)).toEqual(['alice', 'bob', 'carol']);
    expect(tracker.typists(nameKey('alice'), T0 + 20)).toEqual([]);
  });

  it('shows a private notice in the conversation with that peer, keyed by nameKey (case and look-alikes folded)', () => {
    const tracker = new TypingTracker();
    tracker.apply(['Alice'], true, T0);
    expect(tracker.typists(nameKey('alice'), T0)).toEqual(['Alice']);
    expect(tracker.typists(null, T0)).toEqual([]);
    expect([...tracker.snapshot(T0)]).toEqual([[nameKey('alice'), ['Alice']]]);
  });

  it('lists a typist once however often they signal, whatever the case of the name', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['bob'], false, T0 + 1);
    tracker.apply(['ALICE'], false, T0 + 2);
    expect(tracker.typists(null, T0 + 3)).toHaveLength(2);
  });

  it('drops an indicator TYPING_EXPIRY_MS after the last signal', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    expect(tracker.typists(null, T0 + TYPING_EXPIRY_MS - 1)).toEqual(['alice']);
    expect(tracker.typists(null, T0 + TYPING_EXPIRY_MS)).toEqual([]);
  });

  it('keeps showing someone who keeps typing: each signal restarts the expiry', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['alice'], false, T0 + TYPING_EXPIRY_MS - 100);
    expect(tracker.typists(null, T0 + TYPING_EXPIRY_MS + 100)).toEqual(['alice']);
    expect(tracker.typists(null, T0 + 2 * TYPING_EXPIRY_MS - 100)).toEqual([]);
  });

  it('expires each typist on their own clock', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['bob'], false, T0 + 2_000);
    expect(tracker.typists(null, T0 + TYPING_EXPIRY_MS)).toEqual(['bob']);
  });

  it('clears only the Lobby indicator when someone sends to the Lobby', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice', 'bob'], false, T0);
    tracker.apply(['alice'], true, T0);
    tracker.clear('Alice', 'lobby');
    expect(tracker.typists(null, T0)).toEqual(['bob']);
    expect(tracker.typists(nameKey('alice'), T0)).toEqual(['alice']);
  });

  it('clears only the private indicator when someone sends a private message', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['alice'], true, T0);
    tracker.clear('ALICE', 'private');
    expect(tracker.typists(nameKey('alice'), T0)).toEqual([]);
    expect(tracker.typists(null, T0)).toEqual(['alice']);
  });

  it('clears every indicator of someone who leaves, and nobody else’s', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice', 'bob'], false, T0);
    tracker.apply(['alice'], true, T0);
    tracker.apply(['bob'], true, T0);
    tracker.clear('alice', 'everywhere');
    expect(tracker.typists(null, T0)).toEqual(['bob']);
    expect(tracker.typists(nameKey('alice'), T0)).toEqual([]);
    expect(tracker.typists('bob', T0)).toEqual(['bob']);
  });

  it('lists every conversation with someone typing in a snapshot, and none that went quiet', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['Bob'], true, T0 + 3_000);
    tracker.apply(['carol'], true, T0);
    tracker.clear('carol', 'everywhere');
    expect(tracker.snapshot(T0 + 1_000)).toEqual(
      new Map<string | null, string[]>([
        [null, ['alice']],
        ['bob', ['Bob']],
      ]),
    );
    expect(tracker.snapshot(T0 + TYPING_EXPIRY_MS)).toEqual(new Map([['bob', ['Bob']]]));
    expect(tracker.snapshot(T0 + 3_000 + TYPING_EXPIRY_MS).size).toBe(0);
  });

  it('tells when the next indicator expires, so the UI can refresh then', () => {
    const tracker = new TypingTracker();
    expect(tracker.nextExpiry()).toBeNull();
    tracker.apply(['bob'], true, T0 + 2_000);
    tracker.apply(['alice'], false, T0);
    expect(tracker.nextExpiry()).toBe(T0 + TYPING_EXPIRY_MS);
    tracker.snapshot(T0 + TYPING_EXPIRY_MS);
    expect(tracker.nextExpiry()).toBe(T0 + 2_000 + TYPING_EXPIRY_MS);
  });

  it('has no next expiry once everyone has expired or been cleared', () => {
    const tracker = new TypingTracker();
    tracker.apply(['alice'], false, T0);
    tracker.apply(['bob'], true, T0);
    tracker.clear('bob', 'everywhere');
    expect(tracker.nextExpiry()).toBe(T0 + TYPING_EXPIRY_MS);
    tracker.snapshot(T0 + TYPING_EXPIRY_MS);
    expect(tracker.nextExpiry()).toBeNull();
  });
});
