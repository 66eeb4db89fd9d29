// The test isolate's clock, set for one task: the room runs in the same isolate, so it sees the
// same time. Used by the worker tests of retention and admission deadlines.

import { vi } from 'vitest';

/** Runs `task` with the test isolate's (and so the room's) clock at `time`. */
export async function at<T>(time: number, task: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(time);
  try {
    return await task();
  } finally {
    vi.useRealTimers();
  }
}
