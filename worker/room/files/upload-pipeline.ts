// An upload's chunks in flight between the room's serial queue and R2. A chunk is checked, hashed
// and accepted in order inside the serial queue; its R2 write then runs on its own, so chat frames
// queued behind a chunk do not wait for R2. Acknowledgements still go in order: each write's
// completion is handled, one after the other, back in the serial queue. In memory only: the room
// cannot hibernate while writes are pending, and SQLite keeps the acknowledged progress.

export class UploadPipeline {
  /** Next chunk index to accept; ahead of SQLite's `next` while writes are pending. */
  accepted: number;
  acceptedBytes: number;
  /** Set once the upload is refused or cancelled: completions still in the chain are ignored. */
  ended = false;
  /** The chain of completions, in chunk order. */
  private tail: Promise<void> = Promise.resolve();
  /** R2 writes not finished yet: a file is deleted only after them, so none lands afterwards. */
  private readonly writes = new Set<Promise<unknown>>();

  constructor(
    readonly fileId: string,
    next: number,
    bytes: number,
  ) {
    this.accepted = next;
    this.acceptedBytes = bytes;
  }

  /**
   * Tracks `write` (already started) and runs `completed` with its outcome once it and every
   * earlier chunk's completion are done.
   */
  add(write: Promise<void>, completed: (ok: boolean) => Promise<void>): void {
    const outcome = write.then(
      () => true,
      () => false,
    );
    this.writes.add(outcome);
    void outcome.then(() => this.writes.delete(outcome));
    this.tail = this.tail
      .then(() => outcome)
      .then(completed)
      .catch(() => undefined);
  }

  /** Resolves once fewer than `limit` R2 writes are pending: a sender ignoring the window waits here. */
  async room(limit: number): Promise<void> {
    while (this.writes.size >= limit) await Promise.race(this.writes);
  }

  /** Resolves once no R2 write of this upload is pending. */
  async drained(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }
}
