// Fetching a peer's keys for an envelope signed by an identity this session has not seen: a peer
// that sends just after its join can have its first private message or file offer arrive before
// the presence change that announces its keys. Asks the room (`keys {name}`) once per signer key
// and waits, bounded, until the keys are learned or the room answered. For e2e-link.ts.

import { nameKey } from '#protocol/username';
import type { OpenContext, OpenResult } from './envelope-core';

/** Longest an opening waits for the room's answer (the inbox waits with it, to keep order). */
export const KEY_FETCH_MS = 2_000;
/** Signer keys remembered as already asked about; past this the oldest are forgotten. */
const MAX_ASKED = 1000;

export class KeyFetches {
  private readonly waiting = new Map<string, { done: () => void; promise: Promise<void> }>();
  private readonly asked = new Set<string>();

  constructor(
    /** Sends `keys {name}`; false when offline. */
    private readonly request: (name: string) => boolean,
    private readonly timeoutMs = KEY_FETCH_MS,
  ) {}

  /**
   * Asks for `name`'s keys because of an envelope signed by `signerId`, and resolves when they are
   * answered or after the timeout. True when it asked (open again then); false at once when this
   * signer was asked about before or the request could not be sent, so a stream of envelopes from
   * an unknown key costs one wait, not one each.
   */
  async fetch(name: string, signerId: string): Promise<boolean> {
    const key = nameKey(name);
    const asking = `${key}\u0000${signerId}`;
    if (this.asked.has(asking)) return false;
    this.asked.add(asking);
    if (this.asked.size > MAX_ASKED) this.asked.delete(this.asked.values().next().value ?? asking);
    const pending = this.waiting.get(key);
    if (pending) {
      await pending.promise;
      return true;
    }
    if (!this.request(name)) return false;
    let done = () => {};
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), this.timeoutMs);
      done = () => {
        clearTimeout(timer);
        if (this.waiting.get(key)?.promise === promise) this.waiting.delete(key);
        resolve();
      };
    });
    this.waiting.set(key, { done, promise });
    await promise;
    return true;
  }

  /**
   * Opens an envelope from `peer` with `open`. When it fails on the signature and `signer` (the
   * envelope's signer key id; null when the peer did not sign it) is not among the peer's known
   * identities, asks for the peer's keys and opens it again with a fresh context: the keys are in
   * the book by then if the room had them. A broken signature by a known key fails at once.
   * Null when `context` has none (no end-to-end session).
   */
  async open<T>(
    peer: string,
    signer: string | null,
    context: () => Promise<OpenContext | null>,
    open: (ctx: OpenContext) => Promise<OpenResult<T>>,
  ): Promise<OpenResult<T> | null> {
    const ctx = await context();
    if (!ctx) return null;
    const opened = await open(ctx);
    if (opened.ok || opened.reason !== 'signature' || signer === null) return opened;
    if (ctx.peer.identities.some((identity) => identity.id === signer)) return opened;
    if (!(await this.fetch(peer, signer))) return opened;
    const again = await context();
    return again ? open(again) : opened;
  }

  /** `name`'s keys were learned, or the room answered that it has none: a waiting opening goes on. */
  answered(name: string): void {
    this.waiting.get(nameKey(name))?.done();
  }
}
