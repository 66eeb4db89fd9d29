// The download caps' queue (worker/room/files/download-slots.ts): who sends now, who waits, and in
// which order waiting downloads start.

import { describe, expect, it } from 'vitest';
import { DownloadSlots } from '../../../../../worker/room/files/download-slots';

describe('DownloadSlots', () => {
  it('runs up to the per-socket cap and queues the next download of that socket', () => {
    const slots = new DownloadSlots<string, string>(3, 32);
    expect(['a1', 'a2', 'a3'].map((item) => slots.request('a', item))).toEqual([true, true, true]);
    expect(slots.request('a', 'a4')).toBe(false);
    expect(slots.waitingCount).toBe(1);
  });

  it('starts a waiting download when one of its socket ends, and not before', () => {
    const slots = new DownloadSlots<string, string>(3, 32);
    for (const item of ['a1', 'a2', 'a3', 'a4']) slots.request('a', item);
    expect(slots.release('a4-unknown')).toEqual([]);
    expect(slots.release('a2')).toEqual(['a4']);
    expect(slots.isRunning('a4')).toBe(true);
    expect(slots.waitingCount).toBe(0);
  });

  it('keeps the room cap over all sockets, first come first served', () => {
    const slots = new DownloadSlots<string, string>(3, 2);
    expect(slots.request('a', 'a1')).toBe(true);
    expect(slots.request('b', 'b1')).toBe(true);
    expect(slots.request('c', 'c1')).toBe(false);
    expect(slots.request('d', 'd1')).toBe(false);
    expect(slots.release('a1')).toEqual(['c1']);
    expect(slots.release('b1')).toEqual(['d1']);
  });

  it('lets a waiter of another socket pass one whose socket is still at its cap', () => {
    const slots = new DownloadSlots<string, string>(1, 2);
    slots.request('a', 'a1');
    slots.request('b', 'b1');
    slots.request('a', 'a2'); // waits: a is at its cap
    slots.request('c', 'c1'); // waits: the room is full
    expect(slots.release('b1')).toEqual(['c1']);
    expect(slots.waitingCount).toBe(1);
    expect(slots.release('a1')).toEqual(['a2']);
  });

  it('forgets a waiting download that is released before it ran', () => {
    const slots = new DownloadSlots<string, string>(1, 32);
    slots.request('a', 'a1');
    slots.request('a', 'a2');
    expect(slots.release('a2')).toEqual([]);
    expect(slots.release('a1')).toEqual([]);
    expect(slots.runningCount).toBe(0);
  });

  it('answers a repeated request with the same state, without taking a second slot', () => {
    const slots = new DownloadSlots<string, string>(1, 32);
    expect(slots.request('a', 'a1')).toBe(true);
    expect(slots.request('a', 'a1')).toBe(true);
    expect(slots.request('a', 'a2')).toBe(false);
    expect(slots.request('a', 'a2')).toBe(false);
    expect(slots.waitingCount).toBe(1);
  });
});
