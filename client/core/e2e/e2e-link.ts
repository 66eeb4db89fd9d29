// Where end-to-end encryption meets ChatClient: the session's keys (session-keys.ts) and peer book
// (peer-keys.ts), published after every join and rotation; peers' keys learned from `joined`,
// presence and `keys` replies; private messages sealed when the peer's keys are known and opened
// when they arrive, in order (a sender's key not seen yet is asked for first, for private messages
// and sealed file offers alike: key-fetch.ts). The envelope code and @hpke/core load on first use
// (dynamic import), outside the first-load bundle. Without options it is off: nothing is sealed,
// sealed messages arrive as "could not be decrypted" ('no_session'). Tested through
// test/worker/e2e-private.test.ts and test/unit/client/core/e2e/e2e-link-first-contact.test.ts.

import { type Bytes, randomBytes, toBase64Url } from '#crypto/base64';
import type { ClientMessage, ClientMessageOf } from '#protocol/client-messages';
import type { PublishedKeys, SealedEnvelope } from '#protocol/e2e-messages';
import type { ServerMessage, ServerMessageOf } from '#protocol/server-messages';
import { nameKey } from '#protocol/username';
import type { ChatEntry, E2eState, InboundMessage, PrivateEntry } from '../client-events';
import { Emitter } from '../emitter';
import { type QueuedMessage, toWire } from '../send-queue';
import type { OpenContext, OpenResult, SealParties } from './envelope-core';
import { KeyFetches } from './key-fetch';
import type { KeyStore } from './key-store';
import { type PeerBookStorage, PeerKeyBook } from './peer-keys';
import { PREKEY_ROTATE_MS } from './prekey-ring';
import { SessionKeyManager } from './session-keys';

export interface E2eOptions {
  /** Where the session's private keys live: idbKeyStore() in the browser, memoryKeyStore() in Node. */
  readonly keyStore: KeyStore;
  /** Where a session's peer book lives; `drop` forgets it when the session ends. */
  readonly peerStorage: (sessionId: string) => PeerBookStorage & { drop?(): void };
  /** How often to check whether the prekey is due for rotation (default one minute; 0: never). */
  readonly rotationCheckMs?: number;
}

export interface E2eHost {
  /** Sends a control message now; false when offline. */
  sendNow(message: ClientMessage): boolean;
  /** Our name as the room spells it, once joined. */
  myName(): string | null;
  now(): number;
}

export interface E2eEvents extends Record<string, unknown> {
  /** The session's keys are loaded (or made) and published. */
  ready: string;
  /** Something about a peer changed (keys, verified): labels may change. */
  peer: string;
  /** A known peer's identity key changed. */
  identityChanged: { name: string; wasVerified: boolean };
}

type Ready = { keys: SessionKeyManager; book: PeerKeyBook };
type EnvelopeModule = typeof import('./envelope');

let envelopeModule: Promise<EnvelopeModule> | null = null;
/** The envelope code and, through it, @hpke/core: loaded once, when first needed. */
function loadEnvelope(): Promise<EnvelopeModule> {
  envelopeModule ??= import('./envelope').catch((error: unknown) => {
    envelopeModule = null;
    throw error;
  });
  return envelopeModule;
}

/**
 * A session whose current prekey is older than this has not run for hours: a live one rotates
 * hourly (PREKEY_ROTATE_MS), and a name lapses 2 minutes after its tab goes.
 */
const STALE_SESSION_MS = 3 * PREKEY_ROTATE_MS;

/** Own sent texts kept to show our echo without opening it again. */
const MAX_SENT_TEXTS = 500;

export class E2eLink extends Emitter<E2eEvents> {
  /** The session id: kept with the resume token, so a reload is the same session. */
  sessionId: string | null;
  private opened: Ready | null = null;
  private opening: Promise<Ready> | null = null;
  private inbox: Promise<void> = Promise.resolve();
  private pendingInbound = 0;
  private readonly sentTexts = new Map<number, string>();
  private readonly sealedFor = new WeakMap<QueuedMessage, ClientMessageOf<'pm'>>();
  private rotationTimer: ReturnType<typeof setInterval> | undefined;
  private readonly fetches = new KeyFetches((name) => this.requestKeys(name));

  constructor(
    private readonly options: E2eOptions | undefined,
    private readonly host: E2eHost,
    sessionId: string | undefined,
  ) {
    super();
    this.sessionId = sessionId ?? null;
  }

  get enabled(): boolean {
    return this.options !== undefined;
  }

  /** The peer book, once the session is open (null before, and when end-to-end is off). */
  get book(): PeerKeyBook | null {
    return this.opened?.book ?? null;
  }

  /** This session's identity public key (for safety numbers); null until open. */
  get ownIdentity(): Bytes | null {
    return this.opened?.keys.keys.identity.publicRaw ?? null;
  }

  /** Private messages to `peer` go sealed: the peer's keys are known and checked. */
  sealsTo(peer: string): boolean {
    return this.opened?.book.sealTarget(peer) != null;
  }

  /**
   * A join: a resumed one keeps the session; a fresh one (or the first) starts a new session, and
   * the one before it, if any, has ended for good. Runs before `joined` is emitted, so the new
   * session id is what the page saves with the new token.
   */
  joined(message: ServerMessageOf<'joined'>): void {
    const options = this.options;
    if (!options) return;
    if (!message.resumed || this.sessionId === null) {
      const previous = this.sessionId;
      this.sessionId = toBase64Url(randomBytes(16));
      if (previous !== null) void this.end(previous);
    }
    const sessionId = this.sessionId;
    if (this.opened?.keys.sessionId !== sessionId) {
      this.opened = null;
      const opening = this.open(options, sessionId);
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
    }
    for (const member of message.keys ?? []) void this.learn(member.name, member.keys);
    void this.publish();
    this.startRotation(options.rotationCheckMs ?? 60_000);
  }

  /** The name is gone for good (taken by someone else while we were away): so is the session. */
  nameLost(): void {
    const sessionId = this.sessionId;
    this.sessionId = null;
    this.opened = null;
    this.opening = null;
    this.stop();
    if (sessionId !== null) void this.end(sessionId);
  }

  /** The client stops (no reconnect): timers go; keys stay, for a reload of the same session. */
  stop(): void {
    clearInterval(this.rotationTimer);
    this.rotationTimer = undefined;
  }

  /** Asks the room for `name`'s keys (a conversation with someone not in the book). */
  requestKeys(name: string): boolean {
    return this.enabled && this.host.sendNow({ type: 'keys', name });
  }

  /**
   * A room message, handed to `deliver` in arrival order once its private messages are opened.
   * Messages that need no opening go straight through while nothing is waiting ahead of them.
   */
  receive(message: ServerMessage, deliver: (message: InboundMessage) => void): void {
    this.learnFrom(message);
    if (this.pendingInbound === 0 && !needsOpening(message)) {
      deliver(plainly(message));
      return;
    }
    this.pendingInbound++;
    this.inbox = this.inbox
      .then(async () => deliver(await this.prepare(message)))
      .catch(() => undefined)
      .finally(() => {
        this.pendingInbound--;
      });
  }

  /**
   * The wire form of a queued message: a private one is sealed when the peer's keys are known
   * (the same envelope again if it is resent), else it goes as text. Throws when sealing fails.
   */
  async wire(item: QueuedMessage, now: number): Promise<ClientMessageOf<'msg'> | ClientMessageOf<'pm'>> {
    const plain = toWire(item, now);
    if (!this.options || item.kind !== 'pm') return plain;
    const cached = this.sealedFor.get(item);
    if (cached) return cached;
    const parties = await this.sealParties(item.to);
    if (!parties) return plain;
    const { sealMessage } = await loadEnvelope();
    const envelope = await sealMessage({ text: item.text, ts: now, cid: item.cid }, parties);
    // The reply target stays outside the envelope: the room checks it and stores it with the message.
    const reply = item.replyTo === undefined ? {} : { reply_to: item.replyTo };
    const wire = { type: 'pm', cid: item.cid, to: item.to, envelope, ts: now, ...reply } as const;
    this.sealedFor.set(item, wire);
    this.sentTexts.set(item.cid, item.text);
    if (this.sentTexts.size > MAX_SENT_TEXTS) this.sentTexts.delete(this.sentTexts.keys().next().value ?? -1);
    return wire;
  }

  /**
   * Who seals to `to`, and with which keys: this session's identity and current prekey, and the
   * peer's checked keys under its name as the room spells it. Null when the peer's keys are not
   * known (then nothing may claim end-to-end). For private files as for messages.
   */
  async sealParties(to: string): Promise<SealParties | null> {
    if (!this.options) return null;
    const ready = await this.ready();
    await ready.book.settled();
    const target = ready.book.sealTarget(to);
    const me = this.host.myName();
    if (!target || !me) return null;
    const keys = ready.keys.keys;
    return {
      sender: { name: me, identity: keys.identity, prekey: keys.prekeys.current },
      recipient: { name: target.name, identity: target.identity, prekey: target.prekey },
    };
  }

  /**
   * What opening an envelope between us and `peer` needs (every identity key seen for the peer);
   * null without an end-to-end session. For private files as for messages.
   */
  async openContext(peer: string): Promise<OpenContext | null> {
    const me = this.host.myName();
    if (!this.options || !me) return null;
    let ready: Ready;
    try {
      ready = await this.ready();
    } catch {
      return null;
    }
    await ready.book.settled();
    const keys = ready.keys.keys;
    return {
      me: { name: me, identity: keys.identity, prekeys: keys.prekeys },
      peer: { name: peer, identities: ready.book.identities(peer) },
      now: this.host.now(),
    };
  }

  private async open(options: E2eOptions, sessionId: string): Promise<Ready> {
    const keys = await SessionKeyManager.open(options.keyStore, sessionId, this.host.now());
    // Sessions of tabs closed long ago (their names lapsed after 2 minutes) go with their keys.
    void options.keyStore.deleteStale(this.host.now() - STALE_SESSION_MS, sessionId).catch(() => undefined);
    const book = await PeerKeyBook.restore(options.peerStorage(sessionId));
    book.on('updated', (name) => {
      this.fetches.answered(name);
      this.emit('peer', name);
    });
    book.on('identityChanged', (change) => this.emit('identityChanged', change));
    const ready = { keys, book };
    if (this.sessionId === sessionId) this.opened = ready;
    return ready;
  }

  private ready(): Promise<Ready> {
    if (this.opened) return Promise.resolve(this.opened);
    if (this.opening) return this.opening;
    return Promise.reject(new Error('no end-to-end session'));
  }

  private async publish(): Promise<void> {
    try {
      const ready = await this.ready();
      if (this.host.sendNow({ type: 'publish_keys', keys: ready.keys.published() }))
        this.emit('ready', ready.keys.sessionId);
    } catch {
      // The key store failed (e.g. IndexedDB refused): private messages go as text, unlabelled.
    }
  }

  private startRotation(everyMs: number): void {
    if (this.rotationTimer !== undefined || everyMs <= 0) return;
    this.rotationTimer = setInterval(() => void this.rotate(), everyMs);
  }

  /** Rotates the prekey when due, and publishes the new one. Exposed for tests with a fake clock. */
  async rotate(): Promise<boolean> {
    const ready = this.opened;
    if (!ready) return false;
    const rotated = await ready.keys.maintain(this.host.now());
    if (rotated) this.host.sendNow({ type: 'publish_keys', keys: ready.keys.published() });
    return rotated;
  }

  private learn(name: string, keys: PublishedKeys): Promise<unknown> {
    const me = this.host.myName();
    if (me !== null && nameKey(me) === nameKey(name)) return Promise.resolve();
    return this.ready()
      .then((ready) => ready.book.learn(name, keys))
      .catch(() => undefined);
  }

  private learnFrom(message: ServerMessage): void {
    if (!this.options) return;
    if (message.type === 'presence') {
      for (const change of message.changes)
        if (change.change === 'keys') void this.learn(change.name, change.keys);
    } else if (message.type === 'keys') {
      const { name, keys } = message;
      if (keys) void this.learn(name, keys).finally(() => this.fetches.answered(name));
      else this.fetches.answered(name);
    }
  }

  private async prepare(message: ServerMessage): Promise<InboundMessage> {
    if (message.type === 'pm') return this.openOne(message);
    if (message.type === 'history') {
      const messages: ChatEntry[] = [];
      for (const m of message.messages) messages.push(m.type === 'pm' ? await this.openOne(m) : m);
      return { ...message, messages };
    }
    return message;
  }

  private async openOne(pm: ServerMessageOf<'pm'>): Promise<PrivateEntry> {
    const { envelope, text, ...rest } = pm;
    if (!envelope) return { ...rest, text: text ?? '' };
    const own = pm.cid === undefined ? undefined : this.sentTexts.get(pm.cid);
    if (own !== undefined) {
      this.sentTexts.delete(pm.cid ?? -1);
      return { ...rest, text: own, e2e: { ok: true } };
    }
    const state = await this.openEnvelope({ ...pm, envelope });
    return { ...rest, text: state.ok ? state.text : '', e2e: state.ok ? { ok: true } : state };
  }

  private async openEnvelope(
    pm: ServerMessageOf<'pm'> & { envelope: SealedEnvelope },
  ): Promise<{ ok: true; text: string } | Exclude<E2eState, { ok: true }>> {
    const opened = await this.openSealed(pm, async (ctx) =>
      (await loadEnvelope()).openMessage(pm.envelope, ctx),
    );
    if (!opened) return { ok: false, reason: 'no_session' };
    return opened.ok ? { ok: true, text: opened.body.text } : opened;
  }

  /**
   * Opens the envelope of `sealed` (a private message or file offer between us and a peer) with
   * `open`. One the peer signed with an identity key this session has not seen may come before the
   * keys that announce it: the room is asked for the peer's keys (key-fetch.ts), bounded, and it is
   * opened again. Fetched keys go into the peer book as announced ones do (same prekey check, same
   * identity-change warning). A broken signature by a known key fails at once. Null without an
   * end-to-end session.
   */
  async openSealed<T>(
    sealed: { from: string; to: string; envelope: SealedEnvelope },
    open: (ctx: OpenContext) => Promise<OpenResult<T>>,
  ): Promise<OpenResult<T> | null> {
    const me = this.host.myName();
    const fromPeer = me === null || nameKey(sealed.from) !== nameKey(me);
    const peer = fromPeer ? sealed.from : sealed.to;
    // Our own envelope (sent from another view of this session) has no peer signature to fetch.
    const signer = fromPeer ? sealed.envelope.from.ik : null;
    return this.fetches.open(peer, signer, () => this.openContext(peer), open);
  }

  private async end(sessionId: string): Promise<void> {
    const options = this.options;
    if (!options) return;
    try {
      options.peerStorage(sessionId).drop?.();
      await options.keyStore.deleteSession(sessionId);
    } catch {
      // Nothing to delete, or the store is gone: either way the keys are unusable.
    }
  }
}

function needsOpening(message: ServerMessage): boolean {
  if (message.type === 'pm') return message.envelope !== undefined;
  if (message.type === 'history') return message.messages.some((m) => m.type === 'pm' && m.envelope);
  return false;
}

/** A message that needs no opening, in the client's shapes. */
function plainly(message: ServerMessage): InboundMessage {
  if (message.type === 'pm') {
    const { envelope: _, text, ...rest } = message;
    return { ...rest, text: text ?? '' };
  }
  if (message.type === 'history') {
    const messages = message.messages.map((m): ChatEntry => {
      if (m.type !== 'pm') return m;
      const { envelope: _, text, ...rest } = m;
      return { ...rest, text: text ?? '' };
    });
    return { ...message, messages };
  }
  return message;
}
