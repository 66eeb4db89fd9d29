// A third-party client written from docs/protocol.md alone: the RSA-OAEP wrap, the AES-GCM frame
// layout with its header as AAD, unpadded base64url and the JSON messages, with WebCrypto and no
// code from client/, worker/protocol or worker/crypto. Used by test/worker/protocol-doc.test.ts;
// if the doc leaves out something a client needs, those tests fail.

import { SELF } from 'cloudflare:test';
import { afterEach } from 'vitest';
import { must } from '../../support/must';

type Bytes = Uint8Array<ArrayBuffer>;
export type Json = Record<string, unknown> & { type?: string; t?: string };

const ORIGIN = 'http://chat.test';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** docs/protocol.md §2: RFC 4648 §5, no padding. */
function toBase64Url(bytes: Bytes): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Bytes {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function sha256Fingerprint(spki: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return [...digest].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** §6: a flow ack's 13 bytes: [0x02 | hi, u32 big-endian | bytes, u64 big-endian]. */
export function flowAck(hi: number, bytes: number): Bytes {
  const payload = new Uint8Array(13);
  const view = new DataView(payload.buffer);
  view.setUint8(0, 0x02);
  view.setUint32(1, hi);
  view.setBigUint64(5, BigInt(bytes));
  return payload;
}

/** A received room message, and which frame it came in (to see what shared a batch). */
export interface Received {
  message: Json;
  frame: number;
}

const open = new Set<DocClient>();

export class DocClient {
  private sendLo = 0;
  private lastSeq: [number, number] | null = null;
  private frameCount = 0;
  /** §6: the bytes of room frames received under high word `flowHi`, and how many were acknowledged. */
  private flowHi = 0;
  private flowBytes = 0;
  private flowAcked = 0;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  /** Frames go out in the order their sequence numbers were taken (sealing is asynchronous). */
  private outbound: Promise<void> = Promise.resolve();
  private inbound: Promise<void> = Promise.resolve();
  private readonly received: Received[] = [];
  /** §3 room broadcast frames: the key and verifying key of the newest `room_key`, and the last sequence. */
  private broadcast: { epoch: number; key: CryptoKey; verify: CryptoKey } | null = null;
  private lastBroadcast: [number, number] | null = null;
  /** Broadcast frames opened (for the test that checks public traffic comes in them). */
  broadcastFrames = 0;
  private readonly texts: string[] = [];
  private wake: (() => void) | null = null;
  private closeCode: number | null = null;
  /** A room frame that broke the doc's rules: every later wait fails with it. */
  private failure: Error | null = null;
  hello: Json = {};

  private constructor(
    private readonly ws: WebSocket,
    private key: CryptoKey | null = null,
  ) {
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('message', (event) => {
      const data = event.data;
      // Frames are opened one at a time, in arrival order (decryption is asynchronous).
      this.inbound = this.inbound
        .then(() => this.onFrame(data as string | ArrayBuffer))
        .catch((error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(String(error));
          this.wake?.();
        });
    });
    ws.addEventListener('close', (event) => {
      this.closeCode = event.code;
      this.wake?.();
    });
    ws.accept();
  }

  /** §1 and §2: opens /ws, checks the hello, wraps a fresh AES-256 key and proves the challenge. */
  static async connect(): Promise<DocClient> {
    const res = await SELF.fetch(`${ORIGIN}/ws`, { headers: { Upgrade: 'websocket', Origin: ORIGIN } });
    if (!res.webSocket) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
    const client = new DocClient(res.webSocket);
    open.add(client);
    const hello = JSON.parse(await client.nextText()) as Json;
    client.hello = hello;
    if (hello.t !== 'hello' || hello.v !== 1) throw new Error(`expected hello, got ${JSON.stringify(hello)}`);
    const spki = fromBase64Url(String(hello.publicKey));
    if ((await sha256Fingerprint(spki)) !== hello.fingerprint) throw new Error('fingerprint mismatch');
    const roomKey = await crypto.subtle.importKey(
      'spki',
      spki,
      { name: 'RSA-OAEP', hash: 'SHA-256' },
      false,
      ['encrypt'],
    );
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, roomKey, raw));
    client.key = await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, [
      'encrypt',
      'decrypt',
    ]);
    client.ws.send(JSON.stringify({ t: 'key', key: toBase64Url(wrapped) }));
    await client.send({ type: 'auth', challenge: hello.challenge });
    return client;
  }

  /** §3: [version 1 | direction 1 | seq hi | seq lo | 12-byte IV | AES-GCM(UTF-8 JSON or a binary payload) with bytes 0–9 as AAD]. */
  async sealFrame(message: Json | Bytes, seqLo = this.sendLo++): Promise<Bytes> {
    const header = new Uint8Array(10);
    const view = new DataView(header.buffer);
    view.setUint8(0, 1);
    view.setUint8(1, 1);
    view.setUint32(2, 0);
    view.setUint32(6, seqLo);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = message instanceof Uint8Array ? message : encoder.encode(JSON.stringify(message));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: header },
        must(this.key, 'a session key'),
        plaintext,
      ),
    );
    const frame = new Uint8Array(22 + sealed.byteLength);
    frame.set(header, 0);
    frame.set(iv, 10);
    frame.set(sealed, 22);
    return frame;
  }

  send(message: Json | Bytes): Promise<void> {
    const sealed = this.sealFrame(message);
    const sent = this.outbound.then(async () => this.ws.send(await sealed));
    this.outbound = sent.catch(() => undefined);
    return sent;
  }

  /** §6: what this client has received under the current high word, and has acknowledged. */
  get flow(): { hi: number; bytes: number; acked: number } {
    return { hi: this.flowHi, bytes: this.flowBytes, acked: this.flowAcked };
  }

  /** §6: count each room frame whole; acknowledge at 64 KiB, else within 2 s. */
  private count(hi: number, bytes: number): void {
    if (hi !== this.flowHi) {
      this.flowHi = hi;
      this.flowBytes = 0;
      this.flowAcked = 0;
    }
    this.flowBytes += bytes;
    if (this.flowBytes - this.flowAcked >= 65_536) this.acknowledge();
    else this.ackTimer ??= setTimeout(() => this.acknowledge(), 2000);
  }

  private acknowledge(): void {
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    if (this.closeCode !== null || this.flowBytes === this.flowAcked) return;
    this.flowAcked = this.flowBytes;
    void this.send(flowAck(this.flowHi, this.flowBytes)).catch(() => undefined);
    this.wake?.();
  }

  /** A text frame (the heartbeat), or raw bytes (a frame sealed by hand). */
  sendRaw(data: string | Bytes): void {
    this.ws.send(data);
  }

  /**
   * §3 room broadcast frames: direction 3, the epoch of the key held, a sequence after the last, the
   * room's Ed25519 signature over everything before the last 64 bytes, the tag over bytes 0–13.
   */
  private async openBroadcast(frame: Bytes, view: DataView): Promise<{ hi: number; plaintext: ArrayBuffer }> {
    const keys = must(this.broadcast, 'a room_key before a broadcast frame');
    if (view.getUint32(2) !== keys.epoch) throw new Error('a broadcast frame under another key');
    const seq: [number, number] = [view.getUint32(6), view.getUint32(10)];
    const last = this.lastBroadcast;
    if (last && (seq[0] < last[0] || (seq[0] === last[0] && seq[1] <= last[1]))) {
      throw new Error(`broadcast sequence ${seq} is not after ${last}`);
    }
    const signed = frame.subarray(0, frame.byteLength - 64);
    const signature = frame.subarray(frame.byteLength - 64);
    if (!(await crypto.subtle.verify({ name: 'Ed25519' }, keys.verify, signature, signed))) {
      throw new Error('a broadcast frame the room did not sign');
    }
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: frame.subarray(14, 26), additionalData: frame.subarray(0, 14) },
      keys.key,
      signed.subarray(26),
    );
    this.lastBroadcast = seq;
    this.broadcastFrames++;
    return { hi: seq[0], plaintext };
  }

  /** §3: the broadcast key and the room's verifying key, from a `room_key` in a session frame. */
  private async takeKey(message: Json): Promise<void> {
    const epoch = Number(message.epoch);
    if (this.broadcast && epoch < this.broadcast.epoch) throw new Error('an older room_key');
    this.broadcast = {
      epoch,
      key: await crypto.subtle.importKey('raw', fromBase64Url(String(message.key)), 'AES-GCM', false, [
        'decrypt',
      ]),
      verify: await crypto.subtle.importKey(
        'raw',
        fromBase64Url(String(message.verify)),
        { name: 'Ed25519' },
        false,
        ['verify'],
      ),
    };
  }

  /** §3: direction 2, a strictly increasing sequence, the tag over bytes 0–9; a batch is unpacked. */
  private async onFrame(data: string | ArrayBuffer): Promise<void> {
    if (typeof data === 'string') {
      this.texts.push(data);
    } else if (new DataView(data).getUint8(1) === 3) {
      const { hi, plaintext } = await this.openBroadcast(new Uint8Array(data), new DataView(data));
      this.count(hi, data.byteLength);
      const json = JSON.parse(decoder.decode(plaintext)) as Json;
      const number = this.frameCount++;
      for (const message of json.type === 'batch' ? (json.messages as Json[]) : [json]) {
        if (message.type === 'room_key') throw new Error('a room_key in a broadcast frame');
        this.received.push({ message, frame: number });
      }
    } else {
      const frame = new Uint8Array(data);
      const view = new DataView(data);
      const seq: [number, number] = [view.getUint32(2), view.getUint32(6)];
      if (view.getUint8(0) !== 1 || view.getUint8(1) !== 2) throw new Error('not a room frame');
      const last = this.lastSeq;
      if (last && (seq[0] < last[0] || (seq[0] === last[0] && seq[1] <= last[1]))) {
        throw new Error(`sequence ${seq} is not after ${last}`);
      }
      this.lastSeq = seq;
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: frame.subarray(10, 22), additionalData: frame.subarray(0, 10) },
        must(this.key, 'a session key'),
        frame.subarray(22),
      );
      this.count(seq[0], frame.byteLength);
      const json = JSON.parse(decoder.decode(plaintext)) as Json;
      const number = this.frameCount++;
      const messages = json.type === 'batch' ? (json.messages as Json[]) : [json];
      for (const message of messages) {
        if (message.type === 'room_key') await this.takeKey(message);
        else this.received.push({ message, frame: number });
      }
    }
    this.wake?.();
  }

  private async waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      const found = find();
      if (found !== undefined) return found;
      if (this.closeCode !== null) throw new Error(`closed (${this.closeCode}) while waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Waits until `done` holds (checked as frames arrive and acknowledgements go). */
  until(done: () => boolean, what: string): Promise<true> {
    return this.waitFor(() => (done() ? true : undefined), what);
  }

  nextText(): Promise<string> {
    return this.waitFor(() => this.texts.shift(), 'a text frame');
  }

  /** The first received message (not yet taken) that matches; earlier ones stay for later calls. */
  take(match: (m: Json) => boolean, what: string): Promise<Received> {
    return this.waitFor(() => {
      const at = this.received.findIndex((r) => match(r.message));
      return at < 0 ? undefined : this.received.splice(at, 1)[0];
    }, what);
  }

  async takeType(type: string, match: (m: Json) => boolean = () => true): Promise<Json> {
    return (await this.take((m) => m.type === type && match(m), type)).message;
  }

  close(): void {
    clearTimeout(this.ackTimer);
    try {
      this.ws.close(1000, 'bye');
    } catch {
      // Already closed.
    }
  }
}

afterEach(() => {
  for (const client of open) client.close();
  open.clear();
});

let counter = 0;
function uniqueName(prefix: string): string {
  counter++;
  return `${prefix}${counter}${Math.floor(Math.random() * 1000)}`;
}

export async function joined(prefix: string): Promise<{ client: DocClient; name: string; joined: Received }> {
  const client = await DocClient.connect();
  const name = uniqueName(prefix);
  await client.send({ type: 'join', name });
  return { client, name, joined: await client.take((m) => m.type === 'joined', 'joined') };
}
