// The session's own end-to-end keys (a session: the resume-token chain of one name in one tab): its
// Ed25519 identity and X25519 prekey ring, loaded from the key store (IndexedDB in the browser,
// memory in Node) or made on first use, rotated hourly, deleted when the session ends for good.
// Private files reuse it: `keys` gives the identity and the prekey ring an envelope needs.
// Tested in test/unit/client/core/e2e/session-keys.test.ts.

import type { PublishedKeys } from '#protocol/e2e-messages';
import { createIdentityKey, exportIdentity } from './identity-key';
import type { KeyStore, SessionKeys } from './key-store';
import { createPrekey, publishPrekey } from './prekey';
import { maintainPrekeys, newPrekeyRing } from './prekey-ring';

export class SessionKeyManager {
  /** Every load, save and rotation runs in order through this chain. */
  private chain: Promise<unknown> = Promise.resolve();
  private ended = false;

  private constructor(
    private readonly store: KeyStore,
    readonly sessionId: string,
    private current: SessionKeys,
  ) {}

  /** The session's keys from `store`, brought up to date at `now`; new keys when it has none. */
  static async open(store: KeyStore, sessionId: string, now: number): Promise<SessionKeyManager> {
    const stored = await store.load(sessionId);
    if (stored) {
      const manager = new SessionKeyManager(store, sessionId, stored);
      await manager.maintain(now);
      return manager;
    }
    const identity = await createIdentityKey();
    const keys = { identity, prekeys: newPrekeyRing(await createPrekey(identity, now)) };
    await store.save(sessionId, keys);
    return new SessionKeyManager(store, sessionId, keys);
  }

  /** The identity and prekey ring, as envelope sealing and opening need them. */
  get keys(): SessionKeys {
    return this.current;
  }

  /** What the room publishes for this session: the identity public key and the current signed prekey. */
  published(): PublishedKeys {
    return {
      identity: exportIdentity(this.current.identity),
      prekey: publishPrekey(this.current.prekeys.current),
    };
  }

  /**
   * Rotates the prekey when it is an hour old and drops private halves past their 24 h grace,
   * saving before it returns. True when a new prekey must be published.
   */
  maintain(now: number): Promise<boolean> {
    const run = this.chain.then(async () => {
      if (this.ended) return false;
      const next = await maintainPrekeys(this.current.prekeys, this.current.identity, now);
      if (!next.changed) return false;
      const keys = { identity: this.current.identity, prekeys: next.ring };
      // Saved before it is used or published: a reload must find the prekey peers encrypt to.
      await this.store.save(this.sessionId, keys);
      this.current = keys;
      return next.rotated;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The session ended for good (its name given up): its identity and every prekey are deleted. */
  end(): Promise<void> {
    this.ended = true;
    const run = this.chain.then(() => this.store.deleteSession(this.sessionId));
    this.chain = run.catch(() => undefined);
    return run;
  }
}
