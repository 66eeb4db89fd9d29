// Unit tests for when the room's outbox flushes (worker/room/flush-scheduler.ts): at once when
// idle, and once more, for everything that came meanwhile, when a flush is under way.

import { describe, expect, it } from 'vitest';
import { FlushScheduler } from '../../../../worker/room/flush-scheduler';

describe('FlushScheduler', () => {
  it('starts a flush at once when the room is idle, without a timer', () => {
    let starts = 0;
    const scheduler = new FlushScheduler(() => starts++);
    scheduler.request();
    expect(starts).toBe(1);
  });

  it('folds requests made before the pending flush begins into that flush', () => {
    let starts = 0;
    const scheduler = new FlushScheduler(() => starts++);
    for (let i = 0; i < 10; i++) scheduler.request();
    expect(starts).toBe(1);
  });

  it('starts exactly one more flush for everything queued while a flush is under way', () => {
    let starts = 0;
    const scheduler = new FlushScheduler(() => starts++);
    scheduler.request();
    scheduler.begin();
    scheduler.request();
    scheduler.request();
    scheduler.request();
    expect(starts).toBe(2);
    scheduler.begin();
    expect(starts, 'nothing new queued: no further flush').toBe(2);
  });
});
