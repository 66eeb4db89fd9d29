// One encrypted session over one socket: the key exchange, then AES-GCM frames both ways with
// strict sequence numbers, and flow acks for the room's frames (worker/protocol/flow-ack-codec.ts).
// Runtime-neutral; used by ChatClient, the worker tests and the bench, so all of them acknowledge.

import * as v from 'valibot';
import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { isBroadcastFrame } from '#crypto/broadcast-frame';
import { Direction, openFrame, type Seq, sealFrame } from '#crypto/frame-codec';
import { fingerprintOf, importRoomPublicKey } from '#crypto/room-key';
import { createSessionKey, wrapSessionKey } from '#crypto/session-key';
import { decodeChunk, type FileChunk, isChunkPayload } from '#protocol/chunk-codec';
import type { ClientMessage } from '#protocol/client-messages';
import { type HelloFrame, type KeyFrame, ServerControlFrame } from '#protocol/control-frames';
import { CLOSE_CODES, type ErrorCode } from '#protocol/errors';
import type { FileClientMessage } from '#protocol/file-messages';
import { encodeFlowAck, FLOW_ACK_BYTES, FLOW_ACK_DELAY_MS } from '#protocol/flow-ack-codec';
import { HEARTBEAT_PONG } from '#protocol/limits';
import { BatchFrame, ServerMessage } from '#protocol/server-messages';
import { BroadcastReceiver, type SharedBroadcastOpener } from './broadcast-receiver';
import { Emitter } from './emitter';
import { frameData, OPEN, type SocketLike } from './socket-like';

export interface ChannelEvents extends Record<string, unknown> {
  /** A decrypted, schema-checked message from the room. */
  message: ServerMessage;
  /** A plaintext error from the room (before or during the key exchange). */
  controlError: { code: ErrorCode; message: string };
  /** A frame from the room that failed to open or parse; the channel closes itself. */
  corrupt: string;
  pong: undefined;
  /** A file chunk from the room (a binary payload, not JSON). */
  chunk: FileChunk;
  close: { code: number; reason: string };
}

/** Seals one client→room frame in frame-codec.ts's layout (direction 1, `seq`, a fresh IV). */
export type FrameSealer = (seq: Seq, plaintext: Bytes) => Bytes | Promise<Bytes>;

export interface HandshakeOptions {
  /** Called with the room's hello; return false to abort (e.g. an unexpected fingerprint). */
  verify?: (hello: HelloFrame) => boolean | Promise<boolean>;
  timeoutMs?: number;
  /** The bench only: opens identical broadcast frames once for its many clients (broadcast-receiver.ts). */
  sharedBroadcasts?: SharedBroadcastOpener;
  /**
   * Seals this channel's frames with the raw session key instead of WebCrypto's sealFrame: the bench
   * (bench/node-sealer.ts) seals with node:crypto, synchronously, so that 1,000 clients' acks do not
   * cost the load generator a thread-pool round trip each. Same wire format.
   */
  sealWith?: (rawSessionKey: Bytes) => FrameSealer;
}

export class HandshakeError extends Error {
  constructor(
    readonly reason: 'timeout' | 'closed' | 'bad_hello' | 'fingerprint' | 'rejected',
    message: string,
  ) {
    super(message);
    this.name = 'HandshakeError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The room's frames come without gaps: within a wake epoch each low word is the last plus one, and a
 * new (higher) epoch starts again at zero, as does the first frame.
 */
export function nextInSequence(last: Seq | null, next: Seq): boolean {
  if (last === null) return next.lo === 0;
  if (next.hi === last.hi) return next.lo === last.lo + 1;
  return next.hi > last.hi && next.lo === 0;
}

export class SecureChannel extends Emitter<ChannelEvents> {
  private key: CryptoKey | null = null;
  private sealer: FrameSealer | null = null;
  private sendLo = 0;
  private lastRecv: Seq = { hi: 0, lo: 0 };
  private receivedAny = false;
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private closed = false;
  /** Ciphertext bytes of the room's frames received in epoch `flowHi`, and how many were acknowledged. */
  private flowHi = 0;
  private flowReceived = 0;
  private flowAcked = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** For tests of a reader that falls behind: while set, no flow acks are sent. */
  pauseAcks = false;
  hello: HelloFrame | null = null;
  /** The room broadcast key, and the frames sealed with it (worker/crypto/broadcast-frame.ts). */
  private readonly broadcasts: BroadcastReceiver;

  private constructor(
    readonly socket: SocketLike,
    shared?: SharedBroadcastOpener,
  ) {
    super();
    this.broadcasts = new BroadcastReceiver(shared);
  }

  /** Opens the secure session on `socket` (open or still connecting). */
  static async open(socket: SocketLike, options: HandshakeOptions = {}): Promise<SecureChannel> {
    const channel = new SecureChannel(socket, options.sharedBroadcasts);
    socket.binaryType = 'arraybuffer';
    const hello = await channel.awaitHello(options.timeoutMs ?? 10_000);
    if (options.verify && !(await options.verify(hello))) {
      channel.close(CLOSE_CODES.normal, 'fingerprint not trusted');
      throw new HandshakeError('fingerprint', 'The room key was not trusted.');
    }
    const publicKey = fromBase64Url(hello.publicKey);
    if ((await fingerprintOf(publicKey)) !== hello.fingerprint) {
      channel.close(CLOSE_CODES.normal, 'bad hello');
      throw new HandshakeError('bad_hello', "The room's key does not match its fingerprint.");
    }
    const session = await createSessionKey();
    const wrapped = await wrapSessionKey(await importRoomPublicKey(publicKey), session.raw);
    channel.key = session.key;
    channel.sealer = options.sealWith?.(session.raw) ?? null;
    channel.socket.send(
      JSON.stringify({ t: 'key', key: toBase64Url(wrapped) } satisfies v.InferOutput<typeof KeyFrame>),
    );
    await channel.send({ type: 'auth', challenge: hello.challenge });
    return channel;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  /** Encrypts and sends one message, in call order. */
  send(message: ClientMessage | FileClientMessage): Promise<void> {
    return this.sendPlaintext(encoder.encode(JSON.stringify(message)) as Bytes);
  }

  /** Encrypts and sends arbitrary bytes: for tests of the room's input checks. */
  sendPlaintext(plaintext: Bytes): Promise<void> {
    const seq = { hi: 0, lo: this.sendLo++ };
    return this.sendSealed(plaintext, seq);
  }

  /** Seals bytes with an explicit sequence number without sending them: for replay tests. */
  seal(plaintext: Bytes, seq: Seq = { hi: 0, lo: this.sendLo++ }): Promise<Bytes> {
    if (!this.key) throw new Error('no session key yet');
    if (this.sealer) return Promise.resolve(this.sealer(seq, plaintext));
    return sealFrame(this.key, Direction.ClientToServer, seq, plaintext);
  }

  sendRaw(data: string | Bytes): void {
    this.socket.send(data);
  }

  close(code: number = CLOSE_CODES.normal, reason = 'bye'): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.ackTimer);
    try {
      this.socket.close(code, reason);
    } catch {
      // Already closing.
    }
  }

  private sendSealed(plaintext: Bytes, seq: Seq): Promise<void> {
    const task = this.outbound.then(async () => {
      const frame = await this.seal(plaintext, seq);
      if (this.socket.readyState === OPEN) this.socket.send(frame);
    });
    this.outbound = task.catch(() => undefined);
    return task;
  }

  private awaitHello(timeoutMs: number): Promise<HelloFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new HandshakeError('timeout', 'The room did not answer in time.'));
        this.close(CLOSE_CODES.normal, 'timeout');
      }, timeoutMs);
      const fail = (error: HandshakeError) => {
        clearTimeout(timer);
        reject(error);
      };
      this.socket.addEventListener('close', (event) => {
        this.closed = true;
        clearTimeout(this.ackTimer);
        fail(new HandshakeError('closed', 'The connection closed during the key exchange.'));
        this.emit('close', { code: event.code, reason: event.reason });
      });
      this.socket.addEventListener('error', () => undefined);
      this.socket.addEventListener('message', (event) => {
        const data = frameData(event.data);
        if (data === null) return;
        if (typeof data === 'string') {
          this.onText(
            data,
            (hello) => {
              clearTimeout(timer);
              this.hello = hello;
              resolve(hello);
            },
            fail,
          );
        } else {
          this.inbound = this.inbound.then(() => this.onBinary(data));
        }
      });
    });
  }

  private onText(
    text: string,
    onHello: (hello: HelloFrame) => void,
    fail: (e: HandshakeError) => void,
  ): void {
    if (text === HEARTBEAT_PONG) {
      this.emit('pong', undefined);
      return;
    }
    // Once the room has sent a sealed frame it has the session key, and speaks only in sealed
    // frames, its errors included. (Before that, a key it cannot unwrap gets a plaintext error.)
    if (this.receivedAny) {
      this.corrupt('a plaintext frame after the key exchange');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.corrupt('a text frame that is not JSON');
      return;
    }
    const frame = v.safeParse(ServerControlFrame, json);
    if (!frame.success) {
      this.corrupt('an unknown control frame');
      return;
    }
    if (frame.output.t === 'hello') {
      if (this.hello) {
        this.corrupt('a second hello');
        return;
      }
      onHello(frame.output);
    } else {
      fail(new HandshakeError('rejected', frame.output.message));
      this.emit('controlError', { code: frame.output.code, message: frame.output.message });
    }
  }

  private async onBinary(frame: Bytes): Promise<void> {
    if (!this.key || this.closed) return;
    let plaintext: Bytes;
    let seq: Seq;
    // A room broadcast frame has its own key, sequence and the room's signature (broadcast-receiver.ts).
    const broadcast = isBroadcastFrame(frame);
    try {
      if (broadcast) ({ plaintext, seq } = await this.broadcasts.open(frame));
      else {
        ({ plaintext, seq } = await openFrame(this.key, Direction.ServerToClient, frame, (candidate) =>
          nextInSequence(this.receivedAny ? this.lastRecv : null, candidate),
        ));
        // Only an authenticated frame moves the high-water mark.
        this.lastRecv = seq;
        this.receivedAny = true;
      }
    } catch {
      this.corrupt('a frame that failed to authenticate or was out of sequence');
      return;
    }
    // Both kinds count: their high word is the room's wake epoch.
    this.countForAck(seq.hi, frame.byteLength);
    if (isChunkPayload(plaintext)) {
      const chunk = decodeChunk(plaintext);
      if (!chunk) {
        this.corrupt('a malformed file chunk');
        return;
      }
      this.emit('chunk', chunk);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(plaintext));
    } catch {
      this.corrupt('a frame that is not JSON');
      return;
    }
    const batch = v.safeParse(BatchFrame, json);
    const items = batch.success ? batch.output.messages : [json];
    const messages: ServerMessage[] = [];
    for (const item of items) {
      const message = v.safeParse(ServerMessage, item);
      if (!message.success) {
        this.corrupt('a message of an unknown shape');
        return;
      }
      messages.push(message.output);
    }
    for (const message of messages) {
      if (message.type !== 'room_key') {
        this.emit('message', message);
        continue;
      }
      // Only in the session's own frames: a broadcast frame cannot hand out keys.
      const installed = broadcast
        ? Promise.reject(new Error('in a broadcast'))
        : this.broadcasts.install(message);
      if (
        !(await installed.then(
          () => true,
          () => false,
        ))
      ) {
        this.corrupt('a broadcast key that cannot be used');
        return;
      }
    }
  }

  /**
   * Flow control: acknowledge at once when FLOW_ACK_BYTES are unacknowledged, else FLOW_ACK_DELAY_MS
   * after the first frame not yet acknowledged (one timer, none while nothing arrives): a steady
   * stream gets one ack per FLOW_ACK_DELAY_MS, no more. Acks for one wake epoch count from zero.
   */
  private countForAck(hi: number, bytes: number): void {
    if (hi !== this.flowHi) {
      this.flowHi = hi;
      this.flowReceived = 0;
      this.flowAcked = 0;
    }
    this.flowReceived += bytes;
    if (this.flowReceived - this.flowAcked >= FLOW_ACK_BYTES) this.sendAck();
    else if (this.ackTimer === undefined) {
      this.ackTimer = setTimeout(() => this.sendAck(), FLOW_ACK_DELAY_MS);
    }
  }

  private sendAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.pauseAcks || this.closed || this.flowReceived === this.flowAcked) return;
    this.flowAcked = this.flowReceived;
    void this.sendPlaintext(encodeFlowAck({ hi: this.flowHi, bytes: this.flowReceived })).catch(
      () => undefined,
    );
  }

  /** The room's wake epoch and the ciphertext bytes received in it (for tests and the bench). */
  get received(): { hi: number; bytes: number } {
    return { hi: this.flowHi, bytes: this.flowReceived };
  }

  /** Acknowledges what was received while acks were paused (for tests). */
  resumeAcks(): void {
    this.pauseAcks = false;
    this.sendAck();
  }

  private corrupt(what: string): void {
    this.emit('corrupt', `The room sent ${what}.`);
    this.close(CLOSE_CODES.protocol, 'corrupt frame');
  }
}
