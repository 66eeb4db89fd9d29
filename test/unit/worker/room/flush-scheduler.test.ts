// Unit tests for worker/room/flush-scheduler.ts: an idle room flushes at once, with no timer, and
// whatever is queued while a flush waits or runs goes out together in the next one.

import { describe, expect, it } from 'vitest';
import { FlushScheduler } from '../../../../worker/room/flush-scheduler';

/** The room's serial queue, reduced to what the scheduler uses. */
function serialQueue() {
  let queue: Promise<void> = Promise.resolve();
  let tasks = 0;
  return {
    enqueue: (task: () => Promise<void>) => {
      tasks++;
      queue = queue.then(task);
    },
    get tasks() {
      return tasks;
    },
    /** Resolves once the queue is empty, tasks queued meanwhile included. */
    async drained(): Promise<void> {
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('FlushScheduler', () => {
  it('queues a flush at once when the room is idle, and the flush runs with no timer', async () => {
    const queue = serialQueue();
    let flushes = 0;
    const scheduler = new FlushScheduler(queue.enqueue, async () => {
      flushes++;
    });
    scheduler.request();
    expect(queue.tasks, 'queued during the request itself').toBe(1);
    await queue.drained();
    expect(flushes).toBe(1);
  });

  it('gives requests made before the queued flush starts to that same flush', async () => {
    const queue = serialQueue();
    let flushes = 0;
    const scheduler = new FlushScheduler(queue.enqueue, async () => {
      flushes++;
    });
    scheduler.request();
    scheduler.request();
    scheduler.request();
    await queue.drained();
    expect(queue.tasks).toBe(1);
    expect(flushes).toBe(1);
  });

  it('coalesces back-to-back requests made while a flush runs into one flush right after it', async () => {
    const queue = serialQueue();
    const gate = deferred();
    const started = deferred();
    let flushes = 0;
    const scheduler = new FlushScheduler(queue.enqueue, async () => {
      flushes++;
      if (flushes === 1) {
        started.resolve();
        await gate.promise;
      }
    });
    scheduler.request();
    await started.promise;
    for (let i = 0; i < 5; i++) scheduler.request();
    expect(queue.tasks, 'nothing more is queued while the flush runs').toBe(1);
    gate.resolve();
    await queue.drained();
    expect(flushes).toBe(2);
    expect(queue.tasks).toBe(2);
  });

  it('keeps flushing after a flush that threw', async () => {
    const queue = serialQueue();
    let flushes = 0;
    const scheduler = new FlushScheduler(
      (task) => queue.enqueue(() => task().catch(() => undefined)),
      async () => {
        flushes++;
        if (flushes === 1) throw new Error('a socket key failed to import');
      },
    );
    scheduler.request();
    await queue.drained();
    scheduler.request();
    await queue.drained();
    expect(flushes).toBe(2);
  });
});
