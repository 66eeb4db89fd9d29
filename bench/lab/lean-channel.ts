// A variant receiver for `--lean-clients` only: the same key exchange and wire format as
// SecureChannel, but frames are opened with Node's synchronous AES-256-GCM and only JSON-parsed.
// It still authenticates every frame and checks its sequence; it shows what the client core costs.
// Room broadcast frames are opened as the client core opens them (client/core/broadcast-receiver.ts).

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
    const seq = { hi: 0, lo: this.sendLo++ };
    const plaintext = encoder.encode(JSON.stringify(message)) as Bytes;
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
    for (const listener of this.listeners.close) listener(event);
  }

  private onBinary(frame: Uint8Array): void {
    this.inbound = this.inbound.then(() => this.openFrame(frame as Bytes));
  }

  private async openFrame(frame: Bytes): Promise<void> {
    let message: ServerMessage;
    try {
      if (isBroadcastFrame(frame)) {
        return this.deliver(JSON.parse(decoder.decode((await this.broadcasts.open(frame)).plaintext)));
      }
      const header = readHeader(frame as Bytes);
      if (header.direction !== Direction.ServerToClient) throw new Error('direction');
      if (this.lastRecv && compareSeq(header.seq, this.lastRecv) <= 0) throw new Error('seq');
      const iv = frame.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.raw, iv);
      decipher.setAAD(frame.subarray(0, HEADER_BYTES));
      decipher.setAuthTag(frame.subarray(frame.byteLength - TAG_BYTES));
      const body = decipher.update(frame.subarray(HEADER_BYTES + IV_BYTES, frame.byteLength - TAG_BYTES));
      decipher.final();
      this.lastRecv = header.seq;
      message = JSON.parse(decoder.decode(body)) as ServerMessage;
      const batch = message as unknown as { type: string; messages?: ServerMessage[] };
      for (const item of batch.type === 'batch' ? (batch.messages ?? []) : [message]) {
        if (item.type === 'room_key') await this.broadcasts.install(item);
      }
    } catch {
      for (const listener of this.listeners.corrupt) listener('a frame that failed to open');
      this.close(4000, 'corrupt frame');
      return;
    }
    this.deliver(message);
  }

  private deliver(message: ServerMessage): void {
    if (message.type === 'room_key') return;
    for (const listener of this.listeners.message) listener(message);
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
