// The session's book of peers' end-to-end keys: for each peer name, every identity key seen (the
// newest is current), the newest prekey whose signature checked out against it, and whether the
// person marked the conversation verified. A new identity for a known name is an identity change
// (a later owner of the name, or a room substituting keys): it is reported, and a verified peer
// drops back to unverified with a send that must be confirmed. Persisted per session, as JSON of
// public keys only. Tested in test/unit/client/core/e2e/peer-keys.test.ts.

import * as v from 'valibot';
import { type PublishedKeys, PublishedPrekey } from '#protocol/e2e-messages';
import { nameKey } from '#protocol/username';
import { Emitter } from '../emitter';
import { exportIdentity, importIdentity, type PublicIdentity } from './identity-key';
import { type VerifiedPrekey, verifySignedPrekey } from './prekey';

/** Where a session's book is kept between page loads (sessionStorage in the browser). */
export interface PeerBookStorage {
  load(): string | null;
  save(json: string): void;
}

export function memoryPeerStorage(): PeerBookStorage & { json: string | null } {
  const storage = {
    json: null as string | null,
    load: () => storage.json,
    save: (json: string) => {
      storage.json = json;
    },
  };
  return storage;
}

/** How a peer's published keys compared with what the book knew. */
export type LearnOutcome = 'first' | 'same' | 'prekey' | 'changed' | 'invalid';

export interface PeerKeyEvents extends Record<string, unknown> {
  /** A known peer's identity key changed; `wasVerified`: the conversation had been verified. */
  identityChanged: { name: string; wasVerified: boolean };
  /** Anything about a peer changed (keys, verified): for the UI's labels. */
  updated: string;
}

/** Identity keys kept per peer (older ones still open that peer's older messages). */
const MAX_IDENTITIES = 16;
/** Peers kept per session; the least recently updated go first. */
const MAX_PEERS = 1000;

interface Peer {
  name: string;
  /** Oldest first; the last is current. */
  identities: PublicIdentity[];
  /** The current identity's newest prekey, verified against it; null until one checks out. */
  prekey: { verified: VerifiedPrekey; published: PublishedKeys['prekey'] } | null;
  verified: boolean;
  /** The identity changed after the person had verified it: the next send asks first. */
  confirmSend: boolean;
}

const Stored = v.object({
  v: v.literal(1),
  peers: v.array(
    v.object({
      name: v.string(),
      identities: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(MAX_IDENTITIES)),
      prekey: v.nullable(PublishedPrekey),
      verified: v.boolean(),
      confirmSend: v.boolean(),
    }),
  ),
});

export class PeerKeyBook extends Emitter<PeerKeyEvents> {
  private readonly peers = new Map<string, Peer>();
  /** learn() calls run one at a time, so two publications cannot interleave. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly storage: PeerBookStorage) {
    super();
  }

  /** The book as `storage` last saved it (empty when there is none or it does not parse). */
  static async restore(storage: PeerBookStorage): Promise<PeerKeyBook> {
    const book = new PeerKeyBook(storage);
    const raw = storage.load();
    let parsed: v.InferOutput<typeof Stored> | null = null;
    try {
      const result = raw === null ? null : v.safeParse(Stored, JSON.parse(raw));
      parsed = result?.success ? result.output : null;
    } catch {
      parsed = null;
    }
    for (const stored of parsed?.peers ?? []) {
      const identities: PublicIdentity[] = [];
      for (const text of stored.identities) {
        const identity = await importIdentity(text);
        if (identity) identities.push(identity);
      }
      const current = identities.at(-1);
      if (!current) continue;
      const verified = stored.prekey ? await verifySignedPrekey(current, stored.prekey) : null;
      book.peers.set(nameKey(stored.name), {
        name: stored.name,
        identities,
        prekey: verified && stored.prekey ? { verified, published: stored.prekey } : null,
        verified: stored.verified,
        confirmSend: stored.confirmSend,
      });
    }
    return book;
  }

  /**
   * Takes in `name`'s published keys: the identity is imported and the prekey's signature checked
   * against it (the room is not trusted). A prekey that does not check out is ignored ('invalid').
   */
  learn(name: string, keys: PublishedKeys): Promise<LearnOutcome> {
    const run = this.chain.then(() => this.learnNow(name, keys));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every learn() called so far has finished. */
  settled(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /**
   * The peer's name as the room spells it, current identity and verified prekey, to seal to; null
   * when none is known.
   */
  sealTarget(name: string): { name: string; identity: PublicIdentity; prekey: VerifiedPrekey } | null {
    const peer = this.peers.get(nameKey(name));
    const identity = peer?.identities.at(-1);
    return peer && identity && peer.prekey
      ? { name: peer.name, identity, prekey: peer.prekey.verified }
      : null;
  }

  /** Every identity key seen for `name`, oldest first (envelopes signed by any of them open). */
  identities(name: string): readonly PublicIdentity[] {
    return this.peers.get(nameKey(name))?.identities ?? [];
  }

  /** The peer's current identity, for the safety number; null when unknown. */
  currentIdentity(name: string): PublicIdentity | null {
    return this.peers.get(nameKey(name))?.identities.at(-1) ?? null;
  }

  isVerified(name: string): boolean {
    return this.peers.get(nameKey(name))?.verified ?? false;
  }

  /** The peer's identity changed since the person verified it: ask before the next send. */
  mustConfirmSend(name: string): boolean {
    return this.peers.get(nameKey(name))?.confirmSend ?? false;
  }

  /** The person compared safety numbers and they matched. */
  markVerified(name: string): void {
    this.change(name, (peer) => ({ ...peer, verified: true, confirmSend: false }));
  }

  /** The person chose to send to the changed identity anyway. */
  confirmSend(name: string): void {
    this.change(name, (peer) => ({ ...peer, confirmSend: false }));
  }

  private change(name: string, edit: (peer: Peer) => Peer): void {
    const key = nameKey(name);
    const peer = this.peers.get(key);
    if (!peer) return;
    this.peers.set(key, edit(peer));
    this.save();
    this.emit('updated', peer.name);
  }

  private async learnNow(name: string, keys: PublishedKeys): Promise<LearnOutcome> {
    const identity = await importIdentity(keys.identity);
    if (!identity) return 'invalid';
    const verified = await verifySignedPrekey(identity, keys.prekey);
    if (!verified) return 'invalid';
    const key = nameKey(name);
    const known = this.peers.get(key);
    const current = known?.identities.at(-1);
    const prekey = { verified, published: keys.prekey };
    let outcome: LearnOutcome;
    if (!known || !current) {
      outcome = 'first';
      this.peers.set(key, { name, identities: [identity], prekey, verified: false, confirmSend: false });
    } else if (current.id === identity.id) {
      // A prekey older than the one we have (a late or replayed publication) does not replace it.
      if (known.prekey && known.prekey.verified.createdAt >= verified.createdAt) return 'same';
      outcome = 'prekey';
      this.peers.set(key, { ...known, name, prekey });
    } else {
      outcome = 'changed';
      const identities = [...known.identities.filter((i) => i.id !== identity.id), identity];
      this.peers.set(key, {
        name,
        identities: identities.slice(-MAX_IDENTITIES),
        prekey,
        verified: false,
        confirmSend: known.verified || known.confirmSend,
      });
    }
    // Newest last: a Map keeps insertion order, so the oldest peer is the first to go.
    const entry = this.peers.get(key);
    if (entry) {
      this.peers.delete(key);
      this.peers.set(key, entry);
    }
    for (const old of this.peers.keys()) {
      if (this.peers.size <= MAX_PEERS) break;
      this.peers.delete(old);
    }
    this.save();
    if (outcome === 'changed') this.emit('identityChanged', { name, wasVerified: known?.verified ?? false });
    this.emit('updated', name);
    return outcome;
  }

  private save(): void {
    const peers = [...this.peers.values()].map((peer) => ({
      name: peer.name,
      identities: peer.identities.map(exportIdentity),
      prekey: peer.prekey?.published ?? null,
      verified: peer.verified,
      confirmSend: peer.confirmSend,
    }));
    try {
      this.storage.save(JSON.stringify({ v: 1, peers }));
    } catch {
      // Storage full or unavailable: the book still works for this page load.
    }
  }
}
