// How many staged objects the room reads from R2 and decrypts at once, over all downloads: each
// read holds its sealed body and its plaintext (2 MiB for a 1 MiB object), and local R2 does its
// work on the room's own thread, so 30 pumps reading at once held ~100 MiB and chat for seconds.
// The rest wait, first come first served. Pure; unit-tested in Node
// (test/unit/worker/room/files/read-gate.test.ts); staged-object-cache.ts uses it.

export class ReadGate {
  private active = 0;
  /** Waiting readers, oldest first. */
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Runs `task` once fewer than `limit` others run; the slot is freed when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so nobody can overtake it.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Reads running now. */
  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }
}
