// The headless chat client: connects, runs the key exchange, joins, and heals itself. It
// reconnects with backoff and jitter, takes its name back with the resume token and resends
// what the room had not confirmed. The Preact UI, the tests and the bench all drive this class.

import type { Bytes } from '#crypto/base64';
import type { ClientMessage, ClientMessageOf } from '#protocol/client-messages';
import type { HelloFrame } from '#protocol/control-frames';
import { CLOSE_CODES, ERROR_MESSAGES } from '#protocol/errors';
import type { FileClientMessage } from '#protocol/file-messages';
import { HEARTBEAT_INTERVAL_MS } from '#protocol/limits';
import { messageTextProblem } from '#protocol/message-text';
import type { OwnerActionType } from '#protocol/moderation-requests';
import type { ServerMessageOf } from '#protocol/server-messages';
import { usernameProblem } from '#protocol/username';
import { proofFields } from './admin-proof';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import type { ClientEvents, ConnectionStatus } from './client-events';
import { closeAction } from './close-policy';
import { E2eLink, type E2eOptions } from './e2e/e2e-link';
import { Emitter } from './emitter';
import { Heartbeat } from './heartbeat';
import { JoinWaiter } from './join-waiter';
import { MessageRouter } from './message-router';
import { JOIN_ERRORS, RoomError } from './room-error';
import { applyPresence, sortNames } from './roster';
import { HandshakeError, SecureChannel } from './secure-channel';
import { type OutgoingMessage, type QueuedMessage, SendQueue } from './send-queue';
import type { SocketFactory } from './socket-like';

const REPLACED = 'This name was taken over by a newer connection (another tab?).';

export type { ChatEntry, ClientEvents, ConnectionStatus, PrivateEntry } from './client-events';
export { RoomError };

export interface ChatClientOptions {
  connect: SocketFactory;
  /** Decide whether to trust the room's key; the UI pins it per origin. Default: trust. */
  verifyRoom?: (hello: HelloFrame) => boolean | Promise<boolean>;
  backoff?: BackoffOptions;
  /** 0 turns the heartbeat off (short-lived test clients). */
  heartbeatMs?: number;
  /** Name, token and end-to-end session id from an earlier page load, to take the name back. */
  resume?: ResumeState;
  /** End-to-end encryption of private messages (off when absent: they then go as text). */
  e2e?: E2eOptions;
  now?: () => number;
  random?: () => number;
}

/** `session`: the end-to-end session (e2e/e2e-link.ts) whose keys open this token's private history. */
export type ResumeState = { name: string; token: string; nextCid: number; session?: string };

export class ChatClient extends Emitter<ClientEvents> {
  status: ConnectionStatus = 'idle';
  name: string | null = null;
  token: string | null = null;
  /** The room admin's token (admin-proof.ts), sent with each join; null for everyone else. */
  adminToken: string | null = null;
  /** The room's owner token (admin-proof.ts), sent with each join; null when we do not own the room. */
  ownerToken: string | null = null;
  users: string[] = [];
  channel: SecureChannel | null = null;
  readonly queue: SendQueue;
  private attempt = 0;
  private stopped = false;
  private readonly joinWaiter = new JoinWaiter();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: Heartbeat;
  private readonly router: MessageRouter;
  /** End-to-end encryption of private messages: keys, sealing, opening (e2e/e2e-link.ts). */
  readonly e2e: E2eLink;
  /** Queued messages go out one after another, in cid order, however long sealing takes. */
  private outbound: Promise<void> = Promise.resolve();
  private connecting: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ChatClientOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.queue = new SendQueue(options.resume?.nextCid ?? 1);
    this.heartbeat = new Heartbeat(options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS, this.now);
    this.router = new MessageRouter({
      queue: this.queue,
      emit: (event, payload) => this.emit(event, payload),
      joined: (message) => this.onJoined(message),
      presence: (message) => {
        this.users = applyPresence(this.users, message);
        this.emit('presence', message);
      },
      roomError: (error) => this.onRoomError(error),
    });
    this.e2e = new E2eLink(
      options.e2e,
      { sendNow: (message) => this.sendNow(message), myName: () => this.name, now: this.now },
      options.resume?.session,
    );
    if (options.resume) {
      this.name = options.resume.name;
      this.token = options.resume.token;
    }
  }

  /** Opens the connection and finishes the key exchange (and rejoins when resuming). */
  connect(): Promise<void> {
    this.stopped = false;
    // Already open (e.g. join() raced a pending reconnect timer): never open a second socket.
    if (this.channel?.isOpen) return Promise.resolve();
    clearTimeout(this.reconnectTimer);
    this.connecting ??= this.connectOnce().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Joins with `name`. Rejects with a RoomError naming the reason; the connection stays open. */
  async join(name: string): Promise<ServerMessageOf<'joined'>> {
    const problem = usernameProblem(name);
    if (problem) throw new RoomError(problem, ERROR_MESSAGES[problem]);
    if (!this.channel?.isOpen) await this.connect();
    const channel = this.channel;
    if (!channel?.isOpen) throw new RoomError('not_connected', 'Not connected to the room.');
    const joined = this.joinWaiter.wait();
    await channel.send({ type: 'join', name, ...proofFields(this.adminToken, this.ownerToken) });
    return joined;
  }

  /** `replyTo`: the id of the message this one answers. */
  sendPublic(text: string, replyTo?: number): QueuedMessage {
    return this.enqueue({ kind: 'msg', text, ...(replyTo === undefined ? {} : { replyTo }) });
  }

  sendPrivate(to: string, text: string, replyTo?: number): QueuedMessage {
    return this.enqueue({ kind: 'pm', to, text, ...(replyTo === undefined ? {} : { replyTo }) });
  }

  /** Reacts to, edits or deletes a message (#protocol/message-events). Not queued: false when offline. */
  sendMessageEvent(event: ClientMessageOf<'react' | 'edit' | 'delete'>): boolean {
    return this.sendNow(event);
  }

  /** A file-transfer message or chunk (FileTransfers); rejects when not joined (no queueing). */
  sendFileFrame(frame: FileClientMessage | Bytes): Promise<void> {
    const channel = this.channel;
    if (!channel?.isOpen || this.status !== 'connected' || !this.token) {
      return Promise.reject(new RoomError('not_connected', 'Not connected to the room.'));
    }
    return frame instanceof Uint8Array ? channel.sendPlaintext(frame) : channel.send(frame);
  }

  /** Bytes the current socket still holds to send (file uploads pace themselves by it). */
  get bufferedAmount(): number {
    return this.channel?.socket.bufferedAmount ?? 0;
  }

  /** A fresh number from the message-id sequence, e.g. a file_offer's ref (never equal to a cid). */
  nextRef(): number {
    return this.queue.reserve();
  }

  /** An owner frame (docs/protocol.md section 4.2): not queued, false when offline. */
  sendOwner(frame: ClientMessageOf<OwnerActionType>): boolean {
    return this.sendNow(frame);
  }

  /** Asks for the Lobby messages before id `before` (a "Load older" page). False when offline. */
  loadOlder(before: number): boolean {
    return this.sendNow({ type: 'history', before });
  }

  /** Searches the Lobby's history; the answer comes as `searchResults`. False when offline. */
  search(query: string): boolean {
    return this.sendNow({ type: 'search', query });
  }

  /** Says we are typing in the Lobby (null) or to a peer. Dropped when offline: it is only a hint. */
  sendTyping(to: string | null): boolean {
    return this.sendNow(to === null ? { type: 'typing' } : { type: 'typing', to });
  }

  /** Acknowledges private messages from `from` up to these ids (cumulative). False when offline. */
  sendReceipt(from: string, delivered: number, seen: number): boolean {
    const counts = { ...(delivered > 0 ? { delivered } : {}), ...(seen > 0 ? { seen } : {}) };
    return this.sendNow({ type: 'receipt', from, ...counts });
  }

  /** Retry now instead of waiting for the backoff (e.g. when the browser comes back online). */
  retryNow(): void {
    if (this.stopped || this.channel?.isOpen || this.connecting) return;
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    void this.connect().catch(() => undefined);
  }

  /** The network is gone (the browser says): reconnect now, not when the heartbeat notices (15 s). */
  networkLost(): void {
    const channel = this.channel;
    if (this.stopped || !channel) return;
    channel.close(CLOSE_CODES.stale, 'network lost');
    this.onClose(channel, CLOSE_CODES.stale);
  }

  /** Leaves for good: no reconnect. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.heartbeat.stop();
    this.e2e.stop();
    this.channel?.close(CLOSE_CODES.normal, 'bye');
    this.setStatus('ended');
  }

  /** What a page needs to take its name back after a reload. */
  resumeState(): ResumeState | null {
    const session = this.e2e.sessionId;
    return this.name && this.token
      ? {
          name: this.name,
          token: this.token,
          nextCid: this.queue.peekNextCid,
          ...(session === null ? {} : { session }),
        }
      : null;
  }

  private enqueue(message: OutgoingMessage): QueuedMessage {
    const problem = messageTextProblem(message.text);
    if (problem) throw new RoomError(problem, ERROR_MESSAGES[problem]);
    const item = this.queue.add(message);
    if (!item)
      throw new RoomError('queue_full', 'Too many messages are waiting to be sent. Wait for the connection.');
    if (this.status === 'connected' && this.channel?.isOpen && this.token) this.transmit(item);
    return item;
  }

  /** Sends a message that is not worth queueing (it means nothing later, or is repeated anyway). */
  private sendNow(message: ClientMessage): boolean {
    const channel = this.channel;
    if (!channel?.isOpen || this.status !== 'connected' || !this.token) return false;
    void channel.send(message).catch(() => undefined);
    return true;
  }

  /** Sends a queued message after those before it (sealing a private one may take a moment). */
  private transmit(item: QueuedMessage): void {
    this.outbound = this.outbound.then(async () => {
      let wire: ClientMessage;
      try {
        wire = await this.e2e.wire(item, this.now());
      } catch {
        // Never sent as text instead: the message fails, visibly.
        if (this.queue.settle(item.cid)) {
          const error = new RoomError('e2e_failed', 'This message could not be encrypted.', item.cid);
          this.emit('failed', error as RoomError & { cid: number });
        }
        return;
      }
      // The socket may have gone meanwhile; the item stays queued and goes again after the reconnect.
      if (this.status !== 'connected' || !this.token || !this.queue.all().includes(item)) return;
      void this.channel?.send(wire).catch(() => undefined);
    });
  }

  private async connectOnce(): Promise<void> {
    this.setStatus(this.attempt === 0 && this.status === 'idle' ? 'connecting' : this.status);
    let channel: SecureChannel;
    try {
      const opening = SecureChannel.open(this.options.connect(), {
        verify: async (hello) => {
          this.emit('hello', hello);
          return this.options.verifyRoom ? this.options.verifyRoom(hello) : true;
        },
      });
      channel = await opening;
    } catch (error) {
      if (error instanceof HandshakeError && error.reason === 'fingerprint') {
        this.close();
        throw error;
      }
      this.scheduleReconnect();
      throw error;
    }
    if (!channel.isOpen) {
      // The socket closed while `verifyRoom` was waiting (e.g. a person reading the key-change
      // warning past the room's stale-socket sweep): its close event is gone, so retry here.
      this.scheduleReconnect();
      throw new RoomError('not_connected', 'The connection closed during the key exchange.');
    }
    this.channel = channel;
    this.heartbeat.heard();
    channel.on('message', (message) => {
      this.heartbeat.heard();
      this.e2e.receive(message, (opened) => this.router.route(opened));
    });
    channel.on('pong', () => {
      this.heartbeat.heard();
    });
    channel.on('chunk', (chunk) => {
      // A download can be nothing but chunks for a while: they count as hearing from the room.
      this.heartbeat.heard();
      this.emit('chunk', chunk);
    });
    channel.on('controlError', ({ code, message }) => this.emit('error', new RoomError(code, message)));
    channel.on('corrupt', (what) => this.emit('error', new RoomError('bad_frame', what)));
    channel.on('close', ({ code }) => this.onClose(channel, code));
    this.startHeartbeat();
    if (this.name && this.token) {
      const proofs = proofFields(this.adminToken, this.ownerToken);
      const resume = { resume: this.token, ...this.router.resumeFields(), ...proofs };
      await channel.send({ type: 'join', name: this.name, ...resume });
    } else {
      this.attempt = 0;
      this.setStatus('connected');
    }
  }

  private onJoined(message: ServerMessageOf<'joined'>): void {
    const wasResume = this.token !== null && this.name !== null && !this.joinWaiter.waiting;
    this.name = message.name;
    this.token = message.token;
    this.users = sortNames(message.users);
    this.attempt = 0;
    this.setStatus('connected');
    // Before `joined` is emitted: the page saves the session id with the new token.
    this.e2e.joined(message);
    this.emit('joined', message);
    this.joinWaiter.resolve(message);
    if (wasResume || this.queue.size > 0) for (const item of this.queue.all()) this.transmit(item);
  }

  private onRoomError(error: RoomError): void {
    if (JOIN_ERRORS.has(error.code)) {
      if (this.joinWaiter.reject(error)) return;
      if (this.name && error.code === 'name_taken') {
        // Our reservation ran out while we were away and someone else took the name.
        const lost = this.name;
        this.name = null;
        this.token = null;
        this.e2e.nameLost();
        this.setStatus('connected');
        this.emit('nameLost', lost);
        return;
      }
    }
    if (error.cid !== undefined && this.queue.settle(error.cid)) {
      this.emit('failed', error as RoomError & { cid: number });
      return;
    }
    this.emit('error', error);
  }

  private onClose(channel: SecureChannel, code: number): void {
    if (this.channel !== channel) return;
    this.channel = null;
    this.heartbeat.stop();
    this.joinWaiter.reject(new RoomError('not_connected', 'The connection closed before the room answered.'));
    if (this.stopped) return;
    const action = closeAction(code, this.token !== null);
    if (action.kind === 'ended') {
      this.name = null;
      this.token = null;
      this.close();
      this.emit('ended', action.why);
    } else if (action.kind === 'replaced') {
      this.emit('error', new RoomError('not_connected', REPLACED));
      this.close();
    } else if (action.kind === 'fresh') void this.connect().catch(() => undefined);
    else this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    const delay = backoffDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.random);
    this.attempt++;
    this.setStatus(this.attempt > 4 ? 'offline' : 'reconnecting');
    this.reconnectTimer = setTimeout(() => {
      void this.connect().catch(() => undefined);
    }, delay);
  }

  private startHeartbeat(): void {
    this.heartbeat.start(
      () => this.channel,
      (channel) => {
        // Nothing heard for three beats: the network is gone even if no close event came.
        channel.close(CLOSE_CODES.stale, 'heartbeat lost');
        this.onClose(channel, CLOSE_CODES.stale);
      },
    );
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }
}
