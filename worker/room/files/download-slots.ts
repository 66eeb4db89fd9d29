// Which downloads may send now: at most `perOwner` per socket and `total` in the room
// (MAX_DOWNLOADS_PER_SOCKET, MAX_DOWNLOADS_PER_ROOM). A download past either cap waits, first come
// first served, and starts when a running one ends; it is never refused. Pure and generic, so the
// order is unit-tested in Node (test/unit/worker/room/files/download-slots.test.ts); downloads.ts uses it.

export class DownloadSlots<Owner, Item> {
  private readonly running = new Map<Item, Owner>();
  private readonly perOwnerRunning = new Map<Owner, number>();
  /** Waiting downloads, oldest first. */
  private waiting: { item: Item; owner: Owner }[] = [];

  constructor(
    private readonly perOwner: number,
    private readonly total: number,
  ) {}

  /** True when `item` may run now (it holds a slot until released); false when it waits. */
  request(owner: Owner, item: Item): boolean {
    if (this.running.has(item)) return true;
    if (this.waiting.some((w) => w.item === item)) return false;
    if (this.fits(owner)) {
      this.take(owner, item);
      return true;
    }
    this.waiting.push({ item, owner });
    return false;
  }

  /** `item` ended (finished, stopped, or its socket went): the downloads that may start now, in order. */
  release(item: Item): Item[] {
    this.waiting = this.waiting.filter((w) => w.item !== item);
    const owner = this.running.get(item);
    if (owner === undefined) return [];
    this.running.delete(item);
    const count = (this.perOwnerRunning.get(owner) ?? 1) - 1;
    if (count > 0) this.perOwnerRunning.set(owner, count);
    else this.perOwnerRunning.delete(owner);
    const started: Item[] = [];
    // One pass, oldest first: a waiter whose own socket is at its cap does not block the others.
    for (const w of [...this.waiting]) {
      if (this.running.size >= this.total) break;
      if (!this.fits(w.owner)) continue;
      this.waiting = this.waiting.filter((other) => other !== w);
      this.take(w.owner, w.item);
      started.push(w.item);
    }
    return started;
  }

  isRunning(item: Item): boolean {
    return this.running.has(item);
  }

  get runningCount(): number {
    return this.running.size;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private fits(owner: Owner): boolean {
    return this.running.size < this.total && (this.perOwnerRunning.get(owner) ?? 0) < this.perOwner;
  }

  private take(owner: Owner, item: Item): void {
    this.running.set(item, owner);
    this.perOwnerRunning.set(owner, (this.perOwnerRunning.get(owner) ?? 0) + 1);
  }
}
