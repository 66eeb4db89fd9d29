// What the UI shows and does about end-to-end encryption of a private conversation: whether it is
// sealed (the peer's keys are known and checked), verified, or must confirm a send after an
// identity change; the safety number; "Mark as verified". A model over the client's E2eLink; its
// `version` signal changes whenever any of that may have. The chat store holds it.

import { type Signal, signal } from '@preact/signals';
import type { E2eLink } from '../../core/e2e/e2e-link';
import { safetyNumber } from '../../core/e2e/safety-number';

export interface E2eTrust {
  /** Bumped whenever a peer's keys or trust, or our own keys, change: read it to re-render. */
  readonly version: Signal<number>;
  /** Private messages to `peer` go sealed end to end (the label may say so). */
  sealed(peer: string): boolean;
  verified(peer: string): boolean;
  /** The peer's identity changed after it was verified: the next send asks first. */
  mustConfirm(peer: string): boolean;
  /** The person chose to send to the changed identity anyway. */
  confirmSend(peer: string): void;
  markVerified(peer: string): void;
  /** The conversation's safety number (12 groups of 5 digits), or null while either key is unknown. */
  safetyNumber(peer: string): Promise<string | null>;
  /** Asks the room for the peer's keys when they are not known yet. */
  ensureKeys(peer: string): void;
}

export function createE2eTrust(link: E2eLink): E2eTrust {
  const version = signal(0);
  const bump = () => {
    version.value++;
  };
  link.on('peer', bump);
  link.on('ready', bump);
  link.on('identityChanged', bump);
  const read = <T>(get: () => T): T => {
    void version.value;
    return get();
  };
  return {
    version,
    sealed: (peer) => read(() => link.sealsTo(peer)),
    verified: (peer) => read(() => link.book?.isVerified(peer) ?? false),
    mustConfirm: (peer) => link.book?.mustConfirmSend(peer) ?? false,
    confirmSend: (peer) => link.book?.confirmSend(peer),
    markVerified: (peer) => link.book?.markVerified(peer),
    async safetyNumber(peer) {
      const mine = link.ownIdentity;
      const theirs = link.book?.currentIdentity(peer)?.publicRaw;
      return mine && theirs ? safetyNumber(mine, theirs) : null;
    },
    ensureKeys(peer) {
      if (link.enabled && !link.sealsTo(peer)) link.requestKeys(peer);
    },
  };
}
