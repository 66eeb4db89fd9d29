// Bench clients: the real headless client core (SecureChannel) over `ws` sockets. Each one does the
// full key exchange, joins with a raw join frame, decrypts and schema-checks everything it receives,
// and keeps a roster as a Set so that following presence stays cheap at 1,000 clients. Like real
// clients they heartbeat, or the room's stale-socket sweep would close them, and acknowledge what
// they receive (flow acks), sealed with node:crypto (node-sealer.ts) to spare the load generator. A
// room broadcast frame (the same bytes to every member) is verified and decrypted once for the whole
// group (shared-broadcasts.ts); each client still checks its epoch and sequence.

import WebSocket from 'ws';
import type { ClientMessage } from '#protocol/client-messages';
import { HEARTBEAT_INTERVAL_MS, HEARTBEAT_PING } from '#protocol/limits';
import type { ServerMessage, ServerMessageOf } from '#protocol/server-messages';
import { SecureChannel } from '../client/core/secure-channel';
import type { SocketLike } from '../client/core/socket-like';
import type { BenchChannel } from './bench-channel';
import { LeanChannel } from './lab/lean-channel';
import { nodeSealer } from './node-sealer';
import { SharedBroadcasts } from './shared-broadcasts';
import { now, TimeoutError, withTimeout } from './time';

export type ChatDelivery = ServerMessageOf<'msg'>;

/** Called for every decrypted public message, with the receiving client and the receive time. */
export type ChatSink = (client: BenchClient, message: ChatDelivery, at: number) => void;
/** Messages other than chat, presence and joined (typing, history pages), for the scenarios that want them. */
export type OtherSink = (client: BenchClient, message: ServerMessage, at: number) => void;

export interface ClientGroupOptions {
  url: string;
  /** Offer permessage-deflate, as browsers do. */
  deflate: boolean;
  /** Use LeanChannel instead of the client core (a comparison, not the real measurement). */
  lean: boolean;
  joinTimeoutMs: number;
}

export class BenchClient {
  readonly roster = new Set<string>();
  joinedAt = Number.NaN;
  private nextCid = 1;

  constructor(
    readonly name: string,
    readonly channel: BenchChannel,
    private readonly group: ClientGroup,
  ) {}

  /** Encrypts and sends a public message; resolves once the frame is on the socket. */
  sendPublic(text: string): Promise<void> {
    return this.channel.send({ type: 'msg', cid: this.nextCid++, text, ts: Date.now() });
  }

  /** Encrypts and sends any other client message (react, edit…); resolves once it is on the socket. */
  sendMessage(message: ClientMessage): Promise<void> {
    return this.channel.send(message);
  }

  onMessage(message: ServerMessage, at: number): void {
    switch (message.type) {
      case 'msg':
        this.group.sink?.(this, message, at);
        return;
      case 'presence':
        this.group.presenceFrames++;
        for (const change of message.changes) {
          if (change.change === 'join') this.roster.add(change.name.toLowerCase());
          else if (change.change === 'leave') this.roster.delete(change.name.toLowerCase());
        }
        this.group.noteRoster(this, at);
        return;
      case 'joined':
        for (const user of message.users) this.roster.add(user.toLowerCase());
        this.group.noteRoster(this, at);
        return;
      default:
        this.group.otherSink?.(this, message, at);
        return;
    }
  }
}

const HEARTBEAT_TICK_MS = 100;

/** A set of clients joined together, with one chat sink and roster tracking towards a target. */
export class ClientGroup {
  readonly clients: BenchClient[] = [];
  sink: ChatSink | null = null;
  otherSink: OtherSink | null = null;
  /** Presence frames received by all clients together (each one decrypted). */
  presenceFrames = 0;
  /** Corrupt frames, errors from the room and unexpected closes, by kind. */
  readonly problems = new Map<string, number>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private tick = 0;
  private rosterTarget = Number.POSITIVE_INFINITY;
  private rosterFull = new Set<BenchClient>();
  /** Broadcast frames opened once for every client of the group. */
  readonly broadcasts = new SharedBroadcasts();
  lastRosterFullAt = Number.NaN;

  constructor(readonly options: ClientGroupOptions) {}

  /** From now on, record when each client's roster first shows `size` users. */
  watchRoster(size: number): void {
    this.rosterTarget = size;
    this.rosterFull.clear();
    this.lastRosterFullAt = Number.NaN;
    for (const client of this.clients) this.noteRoster(client, now());
  }

  get problemCount(): number {
    let n = 0;
    for (const count of this.problems.values()) n += count;
    return n;
  }

  problem(kind: string): void {
    this.problems.set(kind, (this.problems.get(kind) ?? 0) + 1);
  }

  /**
   * One timer for the whole group, as cheap as ChatClient's per-client heartbeat: each client
   * sends a ping every HEARTBEAT_INTERVAL_MS, spread over the interval. The runtime answers pings
   * itself (auto-response), so they do not wake the room.
   */
  private startHeartbeat(): void {
    if (this.heartbeat) return;
    const slices = Math.max(1, Math.round(HEARTBEAT_INTERVAL_MS / HEARTBEAT_TICK_MS));
    this.heartbeat = setInterval(() => {
      const slice = this.tick++ % slices;
      for (let i = slice; i < this.clients.length; i += slices) {
        const channel = this.clients[i]?.channel;
        if (channel?.isOpen) channel.sendRaw(HEARTBEAT_PING);
      }
    }, HEARTBEAT_TICK_MS);
    this.heartbeat.unref();
  }

  get rosterFullCount(): number {
    return this.rosterFull.size;
  }

  noteRoster(client: BenchClient, at: number): void {
    if (client.roster.size < this.rosterTarget || this.rosterFull.has(client)) return;
    this.rosterFull.add(client);
    this.lastRosterFullAt = at;
  }

  /** Opens a socket, runs the key exchange and joins as `name`. */
  async connect(name: string): Promise<BenchClient> {
    this.startHeartbeat();
    const socket = new WebSocket(this.options.url, { perMessageDeflate: this.options.deflate });
    socket.binaryType = 'arraybuffer';
    socket.on('error', () => undefined);
    let client: BenchClient | null = null;
    try {
      const like = socket as unknown as SocketLike;
      const timeoutMs = this.options.joinTimeoutMs;
      const channel = await withTimeout<BenchChannel>(
        this.options.lean
          ? LeanChannel.open(like, timeoutMs, this.broadcasts)
          : SecureChannel.open(like, { timeoutMs, sharedBroadcasts: this.broadcasts, sealWith: nodeSealer }),
        timeoutMs,
        `key exchange of ${name}`,
      );
      const joined = new Promise<void>((resolve, reject) => {
        channel.on('message', (message) => {
          const at = now();
          if (message.type === 'joined' && client && Number.isNaN(client.joinedAt)) {
            client.joinedAt = at;
            resolve();
          } else if (message.type === 'error') {
            this.problem(`error ${message.code}`);
            reject(new Error(`join of ${name} refused: ${message.code}`));
          }
          client?.onMessage(message, at);
        });
        channel.on('corrupt', () => {
          this.problem('corrupt frame');
          reject(new Error(`corrupt frame for ${name}`));
        });
        channel.on('close', ({ code }) => {
          if (code !== 1000) this.problem(`closed with ${code}`);
          reject(new Error(`socket of ${name} closed (${code})`));
        });
      });
      // Handled by the await below; this keeps an early failure from being an unhandled rejection.
      joined.catch(() => undefined);
      client = new BenchClient(name, channel, this);
      await channel.send({ type: 'join', name });
      await withTimeout(joined, this.options.joinTimeoutMs, `join of ${name}`);
      this.clients.push(client);
      return client;
    } catch (error) {
      socket.terminate();
      throw error;
    }
  }

  /**
   * Connects `names.length` clients with at most `concurrency` handshakes in flight at once.
   * Failed joins are counted, not fatal, so the largest stable group can still be measured.
   */
  async connectMany(
    names: readonly string[],
    concurrency: number,
  ): Promise<{ joined: number; failed: number; firstError: string | null }> {
    let next = 0;
    let failed = 0;
    let firstError: string | null = null;
    const worker = async () => {
      for (let name = names[next++]; name !== undefined; name = names[next++]) {
        try {
          await this.connect(name);
        } catch (error) {
          failed++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
    return { joined: names.length - failed, failed, firstError };
  }

  /**
   * The comparison modes' group (--versus, --sharded, --rooms): lean clients at `url`, all joined
   * and watching for a full roster, or none (closed, then an error naming `label`).
   */
  static async joinLean(
    url: string,
    names: readonly string[],
    concurrency: number,
    label: string,
    joinTimeoutMs: number,
  ): Promise<ClientGroup> {
    const group = new ClientGroup({ url, deflate: false, lean: true, joinTimeoutMs });
    group.watchRoster(names.length);
    const joined = await group.connectMany(names, concurrency);
    if (joined.failed > 0) {
      await group.closeAll(10_000);
      throw new Error(`${joined.failed} joins to ${label} failed: ${joined.firstError}`);
    }
    return group;
  }

  /** Closes every socket and waits (bounded) for the close handshakes. */
  async closeAll(timeoutMs: number): Promise<void> {
    const sockets = this.clients.map((c) => c.channel.socket as unknown as WebSocket);
    const closed = sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) resolve();
          else socket.once('close', () => resolve());
        }),
    );
    this.sink = null;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const client of this.clients) client.channel.close(1000, 'bench done');
    try {
      await withTimeout(Promise.all(closed), timeoutMs, 'closing the clients');
    } catch (error) {
      if (!(error instanceof TimeoutError)) throw error;
    }
    for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
    this.clients.length = 0;
  }
}

/** Usernames for one phase: `prefix` plus a zero-padded index, all valid and distinct. */
export function benchNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
}
