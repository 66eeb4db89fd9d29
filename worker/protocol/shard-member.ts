// A member of the sharded-room prototype, runtime-neutral: builds its join and its sealed `say`
// frames, opens what its shard sends, and checks that the room's seqs arrive exactly once and in
// order (each entry must be the one after the last). test/worker/shard and the bench drive it.

import * as v from 'valibot';
import { type Bytes, fromBase64Url, toBase64Url } from '../crypto/base64';
import {
  afterLast,
  type BroadcastOpenKeys,
  checkBroadcastHeader,
  importBroadcastKey,
  importVerifyKey,
  isBroadcastFrame,
  verifyAndDecrypt,
} from '../crypto/broadcast-frame';
import { compareSeq, Direction, openFrame, type Seq, sealFrame } from '../crypto/frame-codec';
import { createSessionKey } from '../crypto/session-key';
import { ShardBatch, type ShardEntry, ShardPrivateMessage } from './shard-messages';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Verifies and decrypts a broadcast frame; the bench shares one result among its members. */
export type BroadcastOpener = (keys: BroadcastOpenKeys, frame: Bytes) => Promise<Bytes>;

export class ShardMember {
  /** The last room seq received; null until joined (or given by a resume). */
  last: number | null;
  /** Entries that repeated one already received, and entries that skipped over a missing one. */
  duplicates = 0;
  gaps = 0;
  shard: number | null = null;
  private keys: BroadcastOpenKeys | null = null;
  private lastBroadcast: Seq | null = null;
  private lastPrivate: Seq | null = null;
  private sendLo = 0;

  private constructor(
    readonly name: string,
    private readonly raw: Bytes,
    private readonly session: CryptoKey,
    after: number | null,
    private readonly opener: BroadcastOpener,
  ) {
    this.last = after;
  }

  static async create(
    name: string,
    after: number | null = null,
    opener?: BroadcastOpener,
  ): Promise<ShardMember> {
    const { raw, key } = await createSessionKey();
    return new ShardMember(name, raw, key, after, opener ?? ((keys, frame) => verifyAndDecrypt(keys, frame)));
  }

  /** The first frame to send (text), resuming after `last` when it is known. */
  joinFrame(): string {
    return JSON.stringify({ type: 'join', name: this.name, key: toBase64Url(this.raw), after: this.last });
  }

  /** A sealed `say`; send it again with the same cid after a `retry` or a reconnect. */
  say(cid: string, text: string): Promise<Bytes> {
    const body = encoder.encode(JSON.stringify({ type: 'say', cid, text }));
    return sealFrame(this.session, Direction.ClientToServer, { hi: 0, lo: ++this.sendLo }, body);
  }

  /** Opens one frame from the shard and returns the room entries it carried that are new, in order. */
  async receive(frame: Bytes): Promise<{ entries: ShardEntry[]; retry: string | null }> {
    if (isBroadcastFrame(frame)) {
      const keys = this.keys;
      if (!keys) throw new Error('a broadcast frame before any room key');
      checkBroadcastHeader(keys.epoch, frame, (seq) => afterLast(this.lastBroadcast, seq));
      const plaintext = await this.opener(keys, frame);
      const header = checkBroadcastHeader(keys.epoch, frame, (seq) => afterLast(this.lastBroadcast, seq));
      this.lastBroadcast = header.seq;
      const batch = v.parse(ShardBatch, JSON.parse(decoder.decode(plaintext)));
      return { entries: this.accept(batch.entries), retry: null };
    }
    const opened = await openFrame(this.session, Direction.ServerToClient, frame, (seq) =>
      this.lastPrivate === null ? true : compareSeq(seq, this.lastPrivate) > 0,
    );
    this.lastPrivate = opened.seq;
    const message = v.parse(ShardPrivateMessage, JSON.parse(decoder.decode(opened.plaintext)));
    switch (message.type) {
      case 'room_key':
        if (this.keys === null || message.epoch >= this.keys.epoch) {
          this.keys = {
            epoch: message.epoch,
            key: await importBroadcastKey(fromBase64Url(message.key)),
            verifyKey: await importVerifyKey(fromBase64Url(message.verify)),
          };
        }
        return { entries: [], retry: null };
      case 'joined':
        this.shard = message.shard;
        this.last ??= message.from;
        return { entries: [], retry: null };
      case 'replay':
        return { entries: this.accept(message.entries), retry: null };
      case 'retry':
        return { entries: [], retry: message.cid };
      default: {
        const never: never = message;
        throw new Error(`unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  /** Counts repeats and skips; returns the entries that follow on from `last`, in order. */
  private accept(entries: readonly ShardEntry[]): ShardEntry[] {
    const fresh: ShardEntry[] = [];
    for (const entry of entries) {
      if (this.last !== null && entry.seq <= this.last) {
        this.duplicates++;
        continue;
      }
      if (this.last !== null && entry.seq !== this.last + 1) this.gaps++;
      this.last = entry.seq;
      fresh.push(entry);
    }
    return fresh;
  }
}
