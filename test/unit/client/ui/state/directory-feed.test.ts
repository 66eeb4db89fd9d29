// The directory feed: polls while watched and the page is visible, stops with its last watcher,
// keeps the last list when a poll fails; and a public room's topic from the list.

import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomListing } from '#protocol/room-listing';
import { createDirectoryFeed, POLL_MS, topicOf } from '../../../../../client/ui/state/directory-feed';

const listing = (slug: string, topic = ''): RoomListing => ({ slug, topic, members: 1, lastActivity: 0 });

function fakeDocument() {
  const listeners = new Set<() => void>();
  return {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_type: string, listener: () => void) => void listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => void listeners.delete(listener),
    listeners,
  };
}

describe('directory feed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls every POLL_MS while watched, once for several watchers, and stops with the last', async () => {
    const load = vi.fn(async () => [listing('lobby')]);
    const doc = fakeDocument();
    const feed = createDirectoryFeed(load, doc as unknown as Document);
    const first = feed.watch();
    const second = feed.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(feed.rooms.value).toEqual([listing('lobby')]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(load).toHaveBeenCalledTimes(2);
    first();
    first();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(load).toHaveBeenCalledTimes(3);
    second();
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(load).toHaveBeenCalledTimes(3);
    expect(doc.listeners.size).toBe(0);
  });

  it('skips polls while the page is hidden and keeps the last list when one fails', async () => {
    const load = vi.fn(async () => [listing('lobby')]);
    const doc = fakeDocument();
    const feed = createDirectoryFeed(load, doc as unknown as Document);
    const stop = feed.watch();
    await vi.advanceTimersByTimeAsync(0);
    doc.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(load).toHaveBeenCalledTimes(1);
    doc.visibilityState = 'visible';
    load.mockRejectedValueOnce(new Error('offline'));
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(feed.failed.value).toBe(true);
    expect(feed.rooms.value).toEqual([listing('lobby')]);
    stop();
  });
});

describe('directory feed readiness', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks nothing while the page is not ready, and asks at once when it is again', async () => {
    const load = vi.fn(async () => [listing('lobby')]);
    const ready = signal(false);
    const feed = createDirectoryFeed(load, fakeDocument() as unknown as Document, ready);
    const stop = feed.watch();
    await vi.advanceTimersByTimeAsync(2 * POLL_MS);
    expect(load).not.toHaveBeenCalled();
    ready.value = true;
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    ready.value = false;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(load).toHaveBeenCalledTimes(1);
    stop();
    ready.value = true;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('topicOf', () => {
  it("gives a listed public room's topic, and nothing for an unlisted or unknown room", () => {
    const rooms = [listing('rust', 'Talk about Rust')];
    expect(topicOf(rooms, { kind: 'public', slug: 'rust' })).toBe('Talk about Rust');
    expect(topicOf(rooms, { kind: 'public', slug: 'go' })).toBe('');
    expect(topicOf(null, { kind: 'public', slug: 'rust' })).toBe('');
    expect(topicOf(rooms, { kind: 'unlisted', id: 'a'.repeat(64) })).toBe('');
  });

  it("prefers what the room itself said once joined, an unlisted room's and a cleared topic too", () => {
    const rooms = [listing('rust', 'Talk about Rust')];
    expect(topicOf(rooms, { kind: 'public', slug: 'rust' }, { topic: 'Rust 2024' })).toBe('Rust 2024');
    expect(topicOf(rooms, { kind: 'public', slug: 'rust' }, { topic: '' })).toBe('');
    expect(topicOf(null, { kind: 'unlisted', id: 'a'.repeat(64) }, { topic: 'Secret' })).toBe('Secret');
  });
});
