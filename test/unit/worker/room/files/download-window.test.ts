// Unit tests for worker/room/files/download-window.ts: a download starts with a small window, opens
// it fully for a fast recipient, and keeps it small for a slow one, so chat for the recipient waits
// behind about QUEUE_TARGET_MS of file data at most.

import { describe, expect, it } from 'vitest';
import {
  DownloadWindow,
  MIN_DOWNLOAD_WINDOW,
  QUEUE_TARGET_MS,
  readBatch,
} from '../../../../../worker/room/files/download-window';

const CHUNK = 256 * 1024;
const MAX = 8;

/** Acks `count` chunks, one every `everyMs`, from `start`. */
function ackEvery(window: DownloadWindow, count: number, everyMs: number, start = 0): number {
  let at = start;
  for (let i = 0; i < count; i++) {
    at += everyMs;
    window.acked(at, CHUNK);
  }
  return at;
}

describe('DownloadWindow', () => {
  it('starts small, before any acknowledgement shows how fast the recipient is', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    expect(window.size).toBe(MIN_DOWNLOAD_WINDOW);
    window.acked(1_000, CHUNK);
    expect(window.size).toBe(MIN_DOWNLOAD_WINDOW);
  });

  it('opens fully for a recipient that acknowledges a chunk every few milliseconds', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    ackEvery(window, 10, 3);
    expect(window.size).toBe(MAX);
  });

  it('opens fully when acknowledgements arrive within one tick of the clock', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    window.acked(5, CHUNK);
    window.acked(5, CHUNK);
    expect(window.size).toBe(MAX);
  });

  it('stays at the minimum on a 750 KB/s link, about half a second of data ahead of a chat message', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    // 256 KiB at 750 KB/s: one chunk every 350 ms.
    ackEvery(window, 12, 350);
    expect(window.size).toBe(MIN_DOWNLOAD_WINDOW);
    expect((window.size * CHUNK) / 750).toBeLessThan(1_000);
  });

  it('holds about QUEUE_TARGET_MS of data at rates in between', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    // 3 MB/s: a chunk every ~87 ms.
    ackEvery(window, 30, 87);
    const bytesPerMs = CHUNK / 87;
    expect(window.size).toBe(Math.ceil((bytesPerMs * QUEUE_TARGET_MS) / CHUNK) + 1);
    expect(window.size).toBeGreaterThan(MIN_DOWNLOAD_WINDOW);
    expect(window.size).toBeLessThan(MAX);
  });

  it('closes again when a fast recipient slows down, judging by the last second only', () => {
    const window = new DownloadWindow(CHUNK, MAX);
    const at = ackEvery(window, 20, 2);
    expect(window.size).toBe(MAX);
    ackEvery(window, 6, 400, at);
    expect(window.size).toBe(MIN_DOWNLOAD_WINDOW);
  });
});

describe('readBatch', () => {
  // Objects of 4 chunks: object 0 holds chunks 0-3, object 1 chunks 4-7.
  it('reads a whole object once the window has room for all of it', () => {
    expect(readBatch(8, 0, 0, 4)).toBe(4);
    expect(readBatch(8, 4, 0, 8)).toBe(4);
  });

  it('waits while the window has room for only part of the object, rather than read it per chunk', () => {
    expect(readBatch(8, 8, 1, 12)).toBe(0);
    expect(readBatch(8, 8, 3, 12)).toBe(0);
    expect(readBatch(8, 8, 4, 12)).toBe(4);
  });

  it('reads a window at a time on a link slower than one object per window', () => {
    expect(readBatch(2, 0, 0, 4)).toBe(2);
    expect(readBatch(2, 2, 1, 4)).toBe(0);
    expect(readBatch(2, 2, 2, 4)).toBe(2);
  });

  it('reads only the rest of the object, and nothing past its end', () => {
    expect(readBatch(8, 6, 6, 8)).toBe(2);
    expect(readBatch(8, 8, 8, 8)).toBe(0);
  });
});
