// A room in memory for the ChatClient unit tests: a socket factory whose sockets run the room's
// side of the key exchange (hello, the wrapped session key, auth) with the real crypto, then let a
// test read what the client sent (decrypted) and answer, drop or close. No network, no workerd.

import type { Bytes } from '#crypto/base64';
import { fromBase64Url, toBase64Url } from '#crypto/base64';
import { Direction, openFrame, sealFrame } from '#crypto/frame-codec';
import { generateRoomKeyPair, loadRoomKeyPair, type RoomKeyPair } from '#crypto/room-key';
import { importSessionKey, unwrapSessionKey } from '#crypto/session-key';
import type { ClientMessage } from '#protocol/client-messages';
import { decodeFlowAck, type FlowAck, isFlowAckPayload } from '#protocol/flow-ack-codec';
import { HEARTBEAT_PING, HEARTBEAT_PONG } from '#protocol/limits';
import type { ServerMessage } from '#protocol/server-messages';
import { OPEN, type SocketFactory, type SocketLike } from '../../../../client/core/socket-like';

type Listener = (event: never) => void;

const CLOSED = 3;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One socket as the room sees it. */
export class FakeSocket implements SocketLike {
  readyState = OPEN;
  binaryType = 'blob';
  bufferedAmount = 0;
  /** Messages the client sent after the key exchange, decrypted, in order. */
  readonly received: ClientMessage[] = [];
  /** Flow acks the client sent (decoded), in order. */
  readonly acks: (FlowAck | null)[] = [];
  /** Heartbeat pings the client sent. */
  pings = 0;
  /** How the client closed this socket, if it did. */
  closedBy: { code: number; reason: string } | null = null;
  /** Resolves once the client has proven the key exchange (its `auth`). */
  readonly ready: Promise<void>;
  private readonly listeners = new Map<string, Set<Listener>>();
  private key: Promise<CryptoKey> | null = null;
  private inbound: Promise<void> = Promise.resolve();
  private sendLo = 0;
  private taken = 0;
  private wake: (() => void) | null = null;
  private authed: () => void = () => undefined;

  constructor(private readonly room: RoomKeyPair) {
    this.ready = new Promise((resolve) => {
      this.authed = resolve;
    });
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  send(data: string | ArrayBufferView | ArrayBuffer): void {
    if (typeof data === 'string') {
      if (data === HEARTBEAT_PING) this.pings++;
      else this.onKeyFrame(data);
      return;
    }
    const frame = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer).slice() as Bytes;
    this.inbound = this.inbound.then(() => this.onFrame(frame));
  }

  /** The client closes: a real socket reports the close a moment later. */
  close(code = 1000, reason = ''): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.closedBy = { code, reason };
    queueMicrotask(() => this.fire('close', { code, reason }));
  }

  /** The room greets the client with its key. */
  async hello(): Promise<void> {
    const frame = {
      t: 'hello',
      v: 1,
      publicKey: toBase64Url(this.room.spki),
      fingerprint: this.room.fingerprint,
      challenge: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
    };
    this.fire('message', { data: JSON.stringify(frame) });
  }

  /** The room sends one message, encrypted, as it would after the key exchange; returns the frame's size. */
  async deliver(message: ServerMessage): Promise<number> {
    if (!this.key) throw new Error('no session key yet');
    const key = await this.key;
    const frame = await sealFrame(
      key,
      Direction.ServerToClient,
      { hi: 1, lo: this.sendLo++ },
      encoder.encode(JSON.stringify(message)) as Bytes,
    );
    this.fire('message', { data: frame.buffer });
    return frame.byteLength;
  }

  /** The runtime answers a ping (without waking the room). */
  pong(): void {
    this.fire('message', { data: HEARTBEAT_PONG });
  }

  /** The room (or the network) closes the socket with `code`. */
  drop(code: number, reason = ''): void {
    this.readyState = CLOSED;
    this.fire('close', { code, reason });
  }

  /** The next message the client sent, waiting for it if need be. */
  async next(): Promise<ClientMessage> {
    for (;;) {
      const message = this.received[this.taken];
      if (message !== undefined) {
        this.taken++;
        return message;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** The next message, which must be of `type`. */
  async expect<K extends ClientMessage['type']>(type: K): Promise<Extract<ClientMessage, { type: K }>> {
    const message = await this.next();
    if (message.type !== type) throw new Error(`expected ${type}, got ${message.type}`);
    return message as Extract<ClientMessage, { type: K }>;
  }

  private onKeyFrame(text: string): void {
    const frame = JSON.parse(text) as { t?: string; key?: string };
    if (frame.t !== 'key' || typeof frame.key !== 'string') throw new Error(`unexpected text frame ${text}`);
    const wrapped = fromBase64Url(frame.key);
    this.key = unwrapSessionKey(this.room.privateKey, wrapped).then(importSessionKey);
  }

  private async onFrame(frame: Bytes): Promise<void> {
    if (!this.key) throw new Error('a binary frame before the session key');
    const { plaintext } = await openFrame(await this.key, Direction.ClientToServer, frame, () => true);
    // Flow acks (binary) are flow control, not messages: these tests read what the client says.
    if (isFlowAckPayload(plaintext)) {
      this.acks.push(decodeFlowAck(plaintext));
      return;
    }
    const message = JSON.parse(decoder.decode(plaintext)) as ClientMessage;
    if (message.type === 'auth') {
      this.authed();
      return;
    }
    this.received.push(message);
    this.wake?.();
  }

  private fire(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (e: unknown) => void)(event);
  }
}

export class FakeRoom {
  readonly sockets: FakeSocket[] = [];
  /** While true, each new socket closes (1006) before the room says hello: the room is unreachable. */
  refusing = false;
  private waiters: (() => void)[] = [];

  private constructor(readonly keys: RoomKeyPair) {}

  /** A fresh RSA key pair takes a moment: make one room per test file. */
  static async create(): Promise<FakeRoom> {
    const { pkcs8 } = await generateRoomKeyPair();
    return new FakeRoom(await loadRoomKeyPair(pkcs8));
  }

  /** The factory to give ChatClient: each socket says hello as soon as the client listens. */
  readonly connect: SocketFactory = () => {
    const socket = new FakeSocket(this.keys);
    this.sockets.push(socket);
    queueMicrotask(() => (this.refusing ? socket.drop(1006) : void socket.hello()));
    for (const wake of this.waiters.splice(0)) wake();
    return socket;
  };

  /** Socket number `index` (0-based) once the client opened it, before the key exchange. */
  async opened(index: number): Promise<FakeSocket> {
    for (;;) {
      const socket = this.sockets[index];
      if (socket) return socket;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Socket number `index` (0-based) once the client finished the key exchange on it. */
  async socket(index: number): Promise<FakeSocket> {
    const socket = await this.opened(index);
    await socket.ready;
    return socket;
  }

  /** Forgets the sockets (between tests). */
  reset(): void {
    this.refusing = false;
    this.sockets.length = 0;
    this.waiters = [];
  }
}
