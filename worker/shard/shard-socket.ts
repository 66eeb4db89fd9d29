// One member's socket on a fan-out shard (worker/shard/fan-out-shard.ts): what survives hibernation
// (a small versioned attachment, checked when read back) and what is rebuilt after a wake-up (the
// imported session key, the send counter, which broadcast key epoch the member was last sent).

import * as v from 'valibot';
import type { Bytes } from '../crypto/base64';
import { Direction, sealFrame } from '../crypto/frame-codec';
import { importSessionKey } from '../crypto/session-key';
import type { ShardEntry, ShardPrivateMessage } from '../protocol/shard-messages';

const Attachment = v.object({
  v: v.literal(1),
  name: v.string(),
  /** Raw AES-256 session key bytes. */
  key: v.instance(Uint8Array),
  /** The last client→shard sequence number taken. */
  recv: v.number(),
  /** False while the member is sent what it missed: an eviction then loses its place (it resumes). */
  caughtUp: v.boolean(),
});
export type ShardAttachment = v.InferOutput<typeof Attachment>;

/** The attachment of `ws`, or null for a socket that has not joined (or holds something else). */
export function readAttachment(ws: WebSocket): ShardAttachment | null {
  const parsed = v.safeParse(Attachment, ws.deserializeAttachment());
  return parsed.success ? parsed.output : null;
}

const encoder = new TextEncoder();

export class ShardSocket {
  private key: Promise<CryptoKey> | null = null;
  private sendLo = 0;
  /** Private frames go out in the order they were asked for, whatever order their seals finish in. */
  private sending: Promise<boolean> = Promise.resolve(true);
  /** The broadcast key epoch this member was last sent (null after a wake-up: send it again). */
  epochSent: number | null = null;
  /** While catching up: live entries held back until the replay has reached them. */
  queue: ShardEntry[] | null;

  constructor(
    readonly ws: WebSocket,
    readonly att: ShardAttachment,
    /** The high word of this shard instance's session frame seqs: bumped on every wake-up. */
    private readonly wake: number,
  ) {
    this.queue = att.caughtUp ? null : [];
  }

  get name(): string {
    return this.att.name;
  }

  persist(): void {
    this.ws.serializeAttachment(this.att);
  }

  sessionKey(): Promise<CryptoKey> {
    this.key ??= importSessionKey(new Uint8Array(this.att.key) as Bytes);
    return this.key;
  }

  /** Seals `message` under this member's session key and sends it; false when the socket is gone. */
  sendPrivate(message: ShardPrivateMessage): Promise<boolean> {
    const body = encoder.encode(JSON.stringify(message));
    const seq = { hi: this.wake, lo: ++this.sendLo };
    const sealed = this.sessionKey().then((key) => sealFrame(key, Direction.ServerToClient, seq, body));
    this.sending = this.sending.then(
      async () => this.send(await sealed),
      async () => this.send(await sealed),
    );
    return this.sending;
  }

  send(frame: Bytes): boolean {
    try {
      this.ws.send(frame);
      return true;
    } catch {
      return false;
    }
  }
}
