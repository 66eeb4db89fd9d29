// A variant receiver for `--lean-clients` only: the same key exchange and wire format as
// SecureChannel, but frames are opened with Node's synchronous AES-256-GCM and only JSON-parsed.
// It still authenticates every frame and checks its sequence, unpacks batches and sends flow acks
// as the client core does; it shows what the client core costs, and keeps `--versus` clients cheap.
// Every frame from the room is opened in one place, openFrame; room broadcast frames are opened as
// the client core opens them (client/core/broadcast-receiver.ts).

import { createDecipheriv } from 'node:crypto';
import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { isBroadcastFrame } from '#crypto/broadcast-frame';
import {
  compareSeq,
  Direction,
  HEADER_BYTES,
  IV_BYTES,
  readHeader,
  type Seq,
  sealFrame,
  TAG_BYTES,
} from '#crypto/frame-codec';
import { fingerprintOf, importRoomPublicKey } from '#crypto/room-key';
import { createSessionKey, wrapSessionKey } from '#crypto/session-key';
import type { ClientMessage } from '#protocol/client-messages';
import type { HelloFrame } from '#protocol/control-frames';
import { encodeFlowAck, FLOW_ACK_BYTES, FLOW_ACK_DELAY_MS } from '#protocol/flow-ack-codec';
import type { ServerMessage } from '#protocol/server-messages';
import { BroadcastReceiver, type SharedBroadcastOpener } from '../../client/core/broadcast-receiver';
import { frameData, OPEN, type SocketLike } from '../../client/core/socket-like';
import type { BenchChannel, BenchChannelEvents } from '../bench-channel';

type Listeners = { [K in keyof BenchChannelEvents]: ((payload: BenchChannelEvents[K]) => void)[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LeanChannel implements BenchChannel {
  private sendLo = 0;
  private lastRecv: Seq | null = null;
  private outbound: Promise<void> = Promise.resolve();
  private closed = false;
  /** Flow control, by the client core's rule (client/core/secure-channel.ts). */
  private flowHi = 0;
  private flowReceived = 0;
  private flowAcked = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: Listeners = { message: [], corrupt: [], close: [] };
  private readonly broadcasts: BroadcastReceiver;
  /** Broadcast frames and keys are opened asynchronously, in arrival order. */
  private inbound: Promise<void> = Promise.resolve();

  private constructor(
    readonly socket: SocketLike,
    private readonly key: CryptoKey,
    private readonly raw: Bytes,
    shared?: SharedBroadcastOpener,
  ) {
    this.broadcasts = new BroadcastReceiver(shared);
  }

  /** The key exchange, as SecureChannel.open does it. */
  static async open(
    socket: SocketLike,
    timeoutMs: number,
    shared?: SharedBroadcastOpener,
  ): Promise<LeanChannel> {
    socket.binaryType = 'arraybuffer';
    let channel: LeanChannel | null = null;
    const hello = await new Promise<HelloFrame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no hello in time')), timeoutMs);
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', (event) => {
        clearTimeout(timer);
        reject(new Error(`closed during the key exchange (${event.code})`));
        channel?.onClose(event);
      });
      socket.addEventListener('message', (event) => {
        const data = frameData(event.data);
        if (typeof data === 'string') {
          const hello = parseHello(data);
          if (hello) {
            clearTimeout(timer);
            resolve(hello);
          }
        } else if (data) channel?.onBinary(data);
      });
    });
    const spki = fromBase64Url(hello.publicKey);
    if ((await fingerprintOf(spki)) !== hello.fingerprint) throw new Error('bad hello');
    const session = await createSessionKey();
    const wrapped = await wrapSessionKey(await importRoomPublicKey(spki), session.raw);
    channel = new LeanChannel(socket, session.key, session.raw, shared);
    socket.send(JSON.stringify({ t: 'key', key: toBase64Url(wrapped) }));
    await channel.send({ type: 'auth', challenge: hello.challenge });
    return channel;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  on<K extends keyof BenchChannelEvents>(event: K, listener: (payload: BenchChannelEvents[K]) => void): void {
    this.listeners[event].push(listener);
  }

  send(message: ClientMessage): Promise<void> {
    return this.sendPlaintext(encoder.encode(JSON.stringify(message)) as Bytes);
  }

  private sendPlaintext(plaintext: Bytes): Promise<void> {
    const seq = { hi: 0, lo: this.sendLo++ };
    const task = this.outbound.then(async () => {
      const frame = await sealFrame(this.key, Direction.ClientToServer, seq, plaintext);
      if (this.socket.readyState === OPEN) this.socket.send(frame);
    });
    this.outbound = task.catch(() => undefined);
    return task;
  }

  sendRaw(data: string): void {
    this.socket.send(data);
  }

  close(code = 1000, reason = 'bye'): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  private onClose(event: { code: number; reason: string }): void {
    this.closed = true;
    clearTimeout(this.ackTimer);
    for (const listener of this.listeners.close) listener(event);
  }

  private onBinary(frame: Uint8Array): void {
    this.inbound = this.inbound.then(() => this.receive(frame as Bytes));
  }

  private async receive(frame: Bytes): Promise<void> {
    let messages: readonly ServerMessage[];
    try {
      messages = await this.openFrame(frame);
    } catch {
      for (const listener of this.listeners.corrupt) listener('a frame that failed to open');
      this.close(4000, 'corrupt frame');
      return;
    }
    for (const one of messages) {
      if (one.type === 'room_key') continue;
      for (const listener of this.listeners.message) listener(one);
    }
  }

  /** Authenticates, decrypts and unpacks one frame from the room; throws on anything wrong. */
  private async openFrame(frame: Bytes): Promise<readonly ServerMessage[]> {
    if (isBroadcastFrame(frame)) {
      const opened = await this.broadcasts.open(frame);
      this.received(opened.seq.hi, frame.byteLength);
      return this.unpack(opened.plaintext);
    }
    const header = readHeader(frame);
    if (header.direction !== Direction.ServerToClient) throw new Error('direction');
    if (this.lastRecv && compareSeq(header.seq, this.lastRecv) <= 0) throw new Error('seq');
    const iv = frame.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.raw, iv);
    decipher.setAAD(frame.subarray(0, HEADER_BYTES));
    decipher.setAuthTag(frame.subarray(frame.byteLength - TAG_BYTES));
    const body = decipher.update(frame.subarray(HEADER_BYTES + IV_BYTES, frame.byteLength - TAG_BYTES));
    decipher.final();
    this.lastRecv = header.seq;
    this.received(header.seq.hi, frame.byteLength);
    const messages = this.unpack(body);
    // Only in the session's own frames: a broadcast frame cannot hand out keys.
    for (const item of messages) if (item.type === 'room_key') await this.broadcasts.install(item);
    return messages;
  }

  /** A comparison client: the room's JSON is trusted here, not schema-checked (the client core checks it). */
  private unpack(body: Uint8Array): readonly ServerMessage[] {
    const parsed = JSON.parse(decoder.decode(body)) as { type: string; messages?: ServerMessage[] };
    return parsed.type === 'batch' ? (parsed.messages ?? []) : [parsed as ServerMessage];
  }

  /** Acknowledges at once past FLOW_ACK_BYTES unacknowledged, else FLOW_ACK_DELAY_MS after the first. */
  private received(hi: number, bytes: number): void {
    if (hi !== this.flowHi) {
      this.flowHi = hi;
      this.flowReceived = 0;
      this.flowAcked = 0;
    }
    this.flowReceived += bytes;
    if (this.flowReceived - this.flowAcked >= FLOW_ACK_BYTES) this.sendAck();
    else this.ackTimer ??= setTimeout(() => this.sendAck(), FLOW_ACK_DELAY_MS);
  }

  private sendAck(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.closed || this.flowReceived === this.flowAcked) return;
    this.flowAcked = this.flowReceived;
    void this.sendPlaintext(encodeFlowAck({ hi: this.flowHi, bytes: this.flowReceived })).catch(
      () => undefined,
    );
  }
}

/** The hello frame, or null for anything else (pongs, control errors). */
function parseHello(text: string): HelloFrame | null {
  try {
    const frame = JSON.parse(text) as Partial<HelloFrame> | null;
    return frame?.t === 'hello' ? (frame as HelloFrame) : null;
  } catch {
    return null;
  }
}
