// A raw socket for tests of the key exchange itself: every frame the room sends is queued in order,
// and the handshake can be done by hand, step by step, with the shared crypto modules.

import { SELF } from 'cloudflare:test';
import * as v from 'valibot';
import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { Direction, openFrame, sealFrame } from '#crypto/frame-codec';
import { importRoomPublicKey } from '#crypto/room-key';
import { createSessionKey, wrapSessionKey } from '#crypto/session-key';
import type { ClientMessage } from '#protocol/client-messages';
import { type ControlErrorFrame, type HelloFrame, ServerControlFrame } from '#protocol/control-frames';
import { BatchFrame, ServerMessage } from '#protocol/server-messages';
import { OPEN } from '../../../client/core/socket-like';
import { must } from '../../support/must';
import { type CloseInfo, ORIGIN, track } from './room-client';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Wire {
  private readonly frames: (string | Bytes)[] = [];
  private waiter: ((frame: string | Bytes) => void) | null = null;
  private closedWith: CloseInfo | null = null;
  private onClosed: (() => void)[] = [];
  readonly closed: Promise<CloseInfo>;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.addEventListener('close', (event) => {
        this.closedWith = { code: event.code, reason: event.reason };
        resolve(this.closedWith);
        for (const fn of this.onClosed.splice(0)) fn();
      });
    });
    ws.addEventListener('message', (event) => {
      const frame = typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer);
      if (this.waiter) {
        const resolve = this.waiter;
        this.waiter = null;
        resolve(frame);
      } else {
        this.frames.push(frame);
      }
    });
    ws.binaryType = 'arraybuffer';
    ws.accept();
  }

  /** Opens /ws through the worker. Listeners are in place before the socket is accepted. */
  static async open(): Promise<Wire> {
    const res = await SELF.fetch(`${ORIGIN}/ws`, { headers: { Upgrade: 'websocket', Origin: ORIGIN } });
    if (!res.webSocket) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
    return track(new Wire(res.webSocket));
  }

  get isOpen(): boolean {
    return this.closedWith === null && this.ws.readyState === OPEN;
  }

  /** The next frame from the room, in order. Fails at once if the socket closes first. */
  next(): Promise<string | Bytes> {
    const queued = this.frames.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closedWith) return Promise.reject(new Error(`socket closed (${this.closedWith.code})`));
    return new Promise((resolve, reject) => {
      this.waiter = resolve;
      this.onClosed.push(() => reject(new Error(`socket closed (${this.closedWith?.code})`)));
    });
  }

  /** The next frame, which must be a plaintext control frame (hello or error). */
  async nextControl(): Promise<v.InferOutput<typeof ServerControlFrame>> {
    const frame = await this.next();
    if (typeof frame !== 'string') throw new Error('expected a text frame, got a binary one');
    return v.parse(ServerControlFrame, JSON.parse(frame));
  }

  async hello(): Promise<HelloFrame> {
    const frame = await this.nextControl();
    if (frame.t !== 'hello') throw new Error(`expected hello, got ${JSON.stringify(frame)}`);
    return frame;
  }

  async controlError(): Promise<ControlErrorFrame> {
    const frame = await this.nextControl();
    if (frame.t !== 'error') throw new Error(`expected an error, got ${frame.t}`);
    return frame;
  }

  send(data: string | Bytes): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }
}

/** One side of a session key, held by the test so that it can read what the room sends. */
export class ManualSession {
  private sendLo = 0;

  constructor(
    private readonly wire: Wire,
    readonly key: CryptoKey,
  ) {}

  /** Seals `message` with the next client sequence number. */
  seal(message: ClientMessage | Bytes): Promise<Bytes> {
    const plaintext =
      message instanceof Uint8Array ? message : (encoder.encode(JSON.stringify(message)) as Bytes);
    return sealFrame(this.key, Direction.ClientToServer, { hi: 0, lo: this.sendLo++ }, plaintext);
  }

  async send(message: ClientMessage | Bytes): Promise<void> {
    this.wire.send(await this.seal(message));
  }

  /** The next message from the room, which must come in an encrypted frame (maybe in a batch). */
  async receive(): Promise<ServerMessage> {
    const queued = this.buffered.shift();
    if (queued) return queued;
    const frame = await this.wire.next();
    if (typeof frame === 'string') throw new Error(`expected an encrypted frame, got ${frame}`);
    const [first, ...rest] = await openMessages(this.key, frame);
    this.buffered.push(...rest);
    return must(first);
  }

  private readonly buffered: ServerMessage[] = [];
}

/** Opens one frame from the room: one message, or each message of a batch. */
export async function openMessages(key: CryptoKey, frame: Bytes): Promise<ServerMessage[]> {
  const { plaintext } = await openFrame(key, Direction.ServerToClient, frame, () => true);
  const json: unknown = JSON.parse(decoder.decode(plaintext));
  const batch = v.safeParse(BatchFrame, json);
  return (batch.success ? batch.output.messages : [json]).map((m) => v.parse(ServerMessage, m));
}

export async function openMessage(key: CryptoKey, frame: Bytes): Promise<ServerMessage> {
  const [message] = await openMessages(key, frame);
  return must(message);
}

/** The key frame a client sends for `hello`: a fresh session key wrapped with the room's key. */
export async function keyFrameFor(hello: HelloFrame): Promise<{ text: string; key: CryptoKey }> {
  const session = await createSessionKey();
  const roomKey = await importRoomPublicKey(fromBase64Url(hello.publicKey));
  const wrapped = await wrapSessionKey(roomKey, session.raw);
  return { text: JSON.stringify({ t: 'key', key: toBase64Url(wrapped) }), key: session.key };
}

/** Does the whole key exchange by hand on `wire`, whose hello has already been read. */
export async function handshake(wire: Wire, hello: HelloFrame): Promise<ManualSession> {
  const { text, key } = await keyFrameFor(hello);
  wire.send(text);
  const session = new ManualSession(wire, key);
  await session.send({ type: 'auth', challenge: hello.challenge });
  return session;
}
