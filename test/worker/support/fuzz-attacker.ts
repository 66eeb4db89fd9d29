// One hostile socket for the room fuzz test (test/worker/room-fuzz.test.ts): it finishes the key
// exchange, sends FuzzFrames (support/fuzz-frames.ts) paced under the room's rate limit, and after
// each one a probe (an unknown type the room must refuse) that marks the end of what the frame caused.
// It keeps its own sequence counter, mirroring which frames the room uses a number up for.

import type { Bytes } from '#crypto/base64';
import { Direction, FRAME_OVERHEAD, FRAME_VERSION, HEADER_BYTES, type Seq } from '#crypto/frame-codec';
import { encodeChunk } from '#protocol/chunk-codec';
import { CLOSE_CODES } from '#protocol/errors';
import { encodeFlowAck } from '#protocol/flow-ack-codec';
import { MAX_FRAME_BYTES } from '#protocol/limits';
import type { ServerMessage } from '#protocol/server-messages';
import type { FuzzFrame } from './fuzz-frames';
import { NOW_TOKEN } from './fuzz-values';
import { type CloseInfo, openChannel } from './room-client';

const encoder = new TextEncoder();

/** The socket closed while the attacker was using it; the test opens a new one. */
export class AttackerClosed extends Error {
  constructor(readonly info: CloseInfo) {
    super(`attacker socket closed (${info.code} ${info.reason})`);
    this.name = 'AttackerClosed';
  }
}

/** What one fuzz frame caused: the room's messages and binary payloads before the probe's answer. */
export interface Answer {
  messages: ServerMessage[];
  chunks: number;
}

/** Frames per second per socket: below the worker tests' RATE_LIMIT_PER_SEC (50), with room to spare. */
const FRAMES_PER_SECOND = 40;

interface Outstanding {
  probe: number;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

export class Attacker {
  /** Replies that were not what the room promises (corrupt frames, plaintext errors). */
  readonly faults: string[] = [];
  private readonly channel: Awaited<ReturnType<typeof openChannel>>;
  /** The room's expected sequence number for this socket: 0 went to `auth`. */
  private nextLo = 1;
  private probes = 0;
  private pending: Answer = { messages: [], chunks: 0 };
  private readonly outstanding: Outstanding[] = [];
  private latestUpload: string | null = null;
  private sentAt: number[] = [];
  private failure: AttackerClosed | null = null;
  /** The room's bytes this attacker has acknowledged, in wake epoch `ackedHi`. */
  private ackedHi = 0;
  private ackedBytes = 0;

  private constructor(
    readonly label: string,
    channel: Awaited<ReturnType<typeof openChannel>>,
  ) {
    this.channel = channel;
    // The channel's own acks would take sequence numbers this attacker counts itself: it acks instead.
    channel.pauseAcks = true;
    channel.on('message', (message) => this.onMessage(message));
    channel.on('chunk', () => this.pending.chunks++);
    channel.on('corrupt', (what) => this.faults.push(`corrupt frame from the room: ${what}`));
    channel.on('controlError', ({ code }) =>
      this.faults.push(`plaintext error ${code} after the key exchange`),
    );
    void channel.ended.then((info) => this.fail(new AttackerClosed(info)));
  }

  /** Opens a socket, finishes the key exchange and, with a name, joins. */
  static async open(label: string, name?: string): Promise<Attacker> {
    const attacker = new Attacker(label, await openChannel());
    if (name !== undefined) {
      const { answer } = await attacker.exchange({ kind: 'json', value: { type: 'join', name } });
      if (!(await answer).messages.some((m) => m.type === 'joined')) {
        throw new Error(`attacker ${label} could not join as ${name}`);
      }
    }
    return attacker;
  }

  get closed(): boolean {
    return this.failure !== null;
  }

  close(): void {
    this.channel.close();
  }

  /**
   * Sends `frame` and then a probe (an unknown type, which the room must refuse). The room handles
   * a socket's frames in order, so what arrives before the probe's answer is what `frame` caused:
   * `answer` resolves with it. Several exchanges may be in flight at once.
   */
  async exchange(frame: FuzzFrame): Promise<{ answer: Promise<Answer> }> {
    if (this.failure) throw this.failure;
    const probe = ++this.probes;
    const answer = new Promise<Answer>((resolve, reject) =>
      this.outstanding.push({ probe, resolve, reject }),
    );
    // Rejected only with the socket's close, which the caller hears about from its own await.
    answer.catch(() => undefined);
    await this.acknowledge();
    await this.send(frame);
    await this.sendPlaintext(encoder.encode(JSON.stringify({ type: `probe-${this.label}-${probe}` })));
    return { answer };
  }

  /** Sends one fuzz frame as it is described. */
  private async send(frame: FuzzFrame): Promise<void> {
    switch (frame.kind) {
      case 'json':
        return this.sendPlaintext(encoder.encode(JSON.stringify(frame.value)));
      case 'text':
        return this.sendPlaintext(encoder.encode(String(frame.text).replace(NOW_TOKEN, String(Date.now()))));
      case 'bytes':
        return this.sendPlaintext(frame.bytes);
      case 'chunk': {
        const fileId = frame.fileId ?? this.latestUpload ?? '0'.repeat(32);
        const data = new Uint8Array(frame.data.length + frame.padding);
        data.set(frame.data);
        return this.sendPlaintext(encodeChunk(fileId, frame.index, data));
      }
      case 'tampered': {
        const sealed = await this.seal(encoder.encode(JSON.stringify(frame.value)), {
          hi: 0,
          lo: this.nextLo,
        });
        const at = frame.at % sealed.length;
        sealed[at] = (sealed[at] ?? 0) ^ frame.mask;
        return this.sendBinary(sealed);
      }
      case 'wrong-seq': {
        let lo = (this.nextLo + frame.loDelta) >>> 0;
        if (frame.hi === 0 && lo === this.nextLo) lo++;
        const plaintext = encoder.encode(JSON.stringify(frame.value));
        return this.sendBinary(await this.seal(plaintext, { hi: frame.hi, lo }));
      }
      case 'raw-binary':
        return this.sendBinary(frame.bytes);
      case 'raw-text':
        await this.pace();
        return this.sendRaw(frame.text);
      case 'oversized':
        return this.sendBinary(new Uint8Array(frame.bytes));
    }
  }

  private onMessage(message: ServerMessage): void {
    const probe =
      message.type === 'error' && message.code === 'unknown_type'
        ? message.message.match(new RegExp(`\\(probe-${this.label}-(\\d+)\\)$`))
        : null;
    if (!probe) {
      if (message.type === 'file_ready') this.latestUpload = message.fileId;
      this.pending.messages.push(message);
      // The pacing keeps every socket under the limit; one that is refused anyway is replaced,
      // since the room drops its later frames (and probes) without an answer.
      if (message.type === 'error' && message.code === 'rate_limited') {
        this.fail(new AttackerClosed({ code: CLOSE_CODES.rate_limited, reason: 'warned: rate_limited' }));
        this.close();
      }
      return;
    }
    const answered = Number(probe[1]);
    for (let next = this.outstanding[0]; next && next.probe <= answered; next = this.outstanding[0]) {
      this.outstanding.shift();
      if (next.probe < answered) this.faults.push(`probe ${next.probe} was never answered`);
      next.resolve(this.pending);
      this.pending = { messages: [], chunks: 0 };
    }
  }

  /**
   * Acknowledges what the room sent so far, as every client must (docs/protocol.md, flow control):
   * a fuzzer is a hostile sender, not a slow reader. An advancing ack is free, so it is not paced.
   */
  private async acknowledge(): Promise<void> {
    const { hi, bytes } = this.channel.received;
    if (hi === this.ackedHi && bytes <= this.ackedBytes) return;
    this.ackedHi = hi;
    this.ackedBytes = bytes;
    const frame = await this.seal(encodeFlowAck({ hi, bytes }), {
      hi: 0,
      lo: this.nextLo++,
    });
    await this.sendRaw(frame);
  }

  /** Every exchange still in flight fails with the socket's close. */
  private fail(error: AttackerClosed): void {
    this.failure ??= error;
    for (const waiting of this.outstanding.splice(0)) waiting.reject(this.failure);
  }

  private seal(plaintext: Uint8Array, seq: Seq): Promise<Bytes> {
    return this.channel.seal(plaintext as Bytes, seq);
  }

  private async sendPlaintext(plaintext: Uint8Array): Promise<void> {
    await this.sendBinary(await this.seal(plaintext, { hi: 0, lo: this.nextLo }));
  }

  /** Sends a binary frame, counting the sequence number the room will take for it. */
  private async sendBinary(frame: Uint8Array): Promise<void> {
    if (usesUpSequence(frame, this.nextLo)) this.nextLo++;
    await this.pace();
    await this.sendRaw(frame as Bytes);
  }

  /** A send on a socket the room has closed throws; report it as the close it is. */
  private async sendRaw(data: string | Bytes): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      this.channel.sendRaw(data);
    } catch {
      throw new AttackerClosed(await this.channel.ended);
    }
  }

  /** Waits until a frame now keeps this socket under FRAMES_PER_SECOND in any one-second window. */
  private async pace(): Promise<void> {
    const now = Date.now();
    this.sentAt = this.sentAt.filter((at) => at > now - 1_000);
    if (this.sentAt.length >= FRAMES_PER_SECOND) {
      await new Promise((resolve) => setTimeout(resolve, (this.sentAt[0] ?? now) + 1_000 - now));
    }
    this.sentAt.push(Date.now());
  }
}

/**
 * Whether the room takes sequence number `lo` for this frame (worker/room/encrypted-frame.ts): it
 * does for any frame within the size limit whose header names it, even when the tag fails to open.
 */
function usesUpSequence(frame: Uint8Array, lo: number): boolean {
  if (frame.length > MAX_FRAME_BYTES || frame.length < FRAME_OVERHEAD) return false;
  const view = new DataView(frame.buffer, frame.byteOffset, HEADER_BYTES);
  return (
    view.getUint8(0) === FRAME_VERSION &&
    view.getUint8(1) === Direction.ClientToServer &&
    view.getUint32(2) === 0 &&
    view.getUint32(6) === lo
  );
}
