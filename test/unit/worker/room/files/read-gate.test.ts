// The room-wide bound on staged-object reads (worker/room/files/read-gate.ts): how many run at once,
// and in which order the waiting ones go.

import { describe, expect, it } from 'vitest';
import { ReadGate } from '../../../../../worker/room/files/read-gate';

/** A task that runs until its `finish` is called, recording when it started. */
function held(started: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe('ReadGate', () => {
  it('runs no more than its limit at once and starts the waiting ones oldest first', async () => {
    const gate = new ReadGate(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => held(started, name));
    const results = tasks.map((t) => gate.run(t.task));
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    expect([gate.running, gate.waiting]).toEqual([2, 2]);
    tasks[1]?.finish();
    await results[1];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(gate.running).toBe(2);
    for (const t of tasks) t.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that fails', async () => {
    const gate = new ReadGate(1);
    await expect(gate.run(() => Promise.reject(new Error('R2 is down')))).rejects.toThrow('R2 is down');
    expect(gate.running).toBe(0);
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
