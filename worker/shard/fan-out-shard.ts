// The sharded-room prototype's fan-out shard (docs/scaling.md): holds a few thousand members'
// hibernatable sockets, takes ordered batches from the sequencer (RPC `deliver`), and seals each
// batch once under the room broadcast key (the real room's per-flush work) for all its members.
// It keeps the last seq it delivered in SQLite, written before the sends (the output gate holds
// them until it is stored), and pulls any range it missed from the sequencer: on a gap, on every
// wake-up and for a member who resumes, so each member gets each message once and in order.
// Tested in test/worker/shard/sharded-room.test.ts.

import { DurableObject } from 'cloudflare:workers';
import * as v from 'valibot';
import { type Bytes, fromBase64Url } from '../crypto/base64';
import { sealBroadcast } from '../crypto/broadcast-frame';
import { Direction, openFrame } from '../crypto/frame-codec';
import { SESSION_KEY_BYTES } from '../crypto/session-key';
import {
  SHARD_RESUME_CLOSE,
  type ShardBatch,
  type ShardEntry,
  ShardJoin,
  ShardSay,
} from '../protocol/shard-messages';
import { BroadcastKeys, type MetaStore } from '../room/broadcast-keys';
import type { BroadcastKeyset } from '../room/broadcast-keyset';
import { errorName, logEvent, setEventLogging } from '../room/log';
import { MAX_BATCH } from './sequencer';
import { SEQUENCER_NAME, type SequencerApi, type ShardApi, type ShardEnv } from './shard-rpc';
import { readAttachment, ShardSocket } from './shard-socket';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The header the front worker names the shard's number in (worker/shard/shard-route.ts). */
export const SHARD_INDEX_HEADER = 'X-Shard-Index';

export class FanOutShard extends DurableObject<ShardEnv> implements ShardApi {
  /** The last room seq every caught-up member has been sent. */
  private last = 0;
  private index = -1;
  private wake = 0;
  private readonly keys: BroadcastKeys;
  private readonly members = new Map<WebSocket, ShardSocket>();
  /** Serialises everything that moves `last`: deliveries, gap pulls, a resume's shard catch-up. */
  private chain: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: ShardEnv) {
    super(ctx, env);
    setEventLogging(env.LOG_EVENTS !== 'off');
    this.keys = new BroadcastKeys(this.metaStore());
    void ctx.blockConcurrencyWhile(async () => this.initialise());
  }

  private initialise(): void {
    this.ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v)');
    const meta = this.metaStore();
    this.last = Number(meta.getMeta('last') ?? 0);
    this.index = Number(meta.getMeta('index') ?? -1);
    this.wake = Number(meta.getMeta('wake') ?? 0) + 1;
    meta.setMeta('wake', this.wake);
    for (const ws of this.ctx.getWebSockets()) {
      const att = readAttachment(ws);
      if (!att) continue;
      // Its replay was under way in the old instance: where it got to is lost, the member knows.
      if (!att.caughtUp) ws.close(SHARD_RESUME_CLOSE, 'resume');
      else this.members.set(ws, new ShardSocket(ws, att, this.wake));
    }
    // What the old instance may have missed while it was gone.
    if (this.index >= 0) void this.serial(() => this.catchUp(null));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') !== 'websocket')
      return new Response('websocket only', { status: 426 });
    const index = Number(request.headers.get(SHARD_INDEX_HEADER));
    if (this.index < 0 && Number.isSafeInteger(index) && index >= 0) {
      this.index = index;
      this.metaStore().setMeta('index', index);
    }
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /** From the sequencer: the next ordered entries (repeats are dropped; a gap is pulled first). */
  deliver(entries: ShardEntry[]): Promise<void> {
    return this.serial(async () => {
      const first = entries.find((entry) => entry.seq > this.last);
      if (!first) return;
      if (first.seq !== this.last + 1) await this.catchUp(first.seq - 1);
      const fresh = entries.filter((entry) => entry.seq > this.last);
      if (fresh.length > 0) await this.fanOut(fresh);
    });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const member = this.members.get(ws);
    if (!member) {
      if (typeof message === 'string') await this.join(ws, message);
      else ws.close(1008, 'join first');
      return;
    }
    if (typeof message === 'string') return;
    await this.say(member, new Uint8Array(message));
  }

  override webSocketClose(ws: WebSocket, code: number): void {
    this.leave(ws);
    try {
      ws.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code, 'bye');
    } catch {
      // Closed already.
    }
  }

  override webSocketError(ws: WebSocket): void {
    this.leave(ws);
  }

  private async join(ws: WebSocket, text: string): Promise<void> {
    let join: ShardJoin;
    let key: Bytes;
    try {
      join = v.parse(ShardJoin, JSON.parse(text));
      key = fromBase64Url(join.key);
      if (key.byteLength !== SESSION_KEY_BYTES) throw new TypeError('session key size');
    } catch {
      ws.close(1008, 'bad join');
      return;
    }
    const member = new ShardSocket(ws, { v: 1, name: join.name, key, recv: 0, caughtUp: false }, this.wake);
    member.persist();
    // The live stream this member follows starts after `target`; a resume ahead of the shard first
    // brings the whole shard up to it. From then on, batches queue for the member (member.queue).
    let target = 0;
    await this.serial(async () => {
      if (join.after !== null && join.after > this.last) await this.catchUp(join.after);
      target = this.last;
      this.members.set(ws, member);
    });
    const members = await this.reportPresence();
    const keyset = await this.keyset();
    await member.sendPrivate(this.keys.message(keyset));
    member.epochSent = keyset.epoch;
    await member.sendPrivate({ type: 'joined', shard: this.index, members, from: join.after ?? target });
    for (let after = join.after ?? target; after < target; ) {
      const page = (await this.sequencer().range(after, MAX_BATCH)).filter((entry) => entry.seq <= target);
      const lastOfPage = page.at(-1);
      if (!lastOfPage) break;
      await member.sendPrivate({ type: 'replay', entries: page });
      after = lastOfPage.seq;
    }
    // Order matters: no await between the last look at the queue and going live.
    while (member.queue && member.queue.length > 0)
      await member.sendPrivate({ type: 'replay', entries: member.queue.splice(0) });
    member.queue = null;
    member.att.caughtUp = true;
    member.persist();
  }

  private async say(member: ShardSocket, frame: Bytes): Promise<void> {
    let say: ShardSay;
    try {
      const opened = await openFrame(await member.sessionKey(), Direction.ClientToServer, frame, (seq) => {
        if (seq.hi !== 0 || seq.lo <= member.att.recv) return false;
        member.att.recv = seq.lo;
        return true;
      });
      say = v.parse(ShardSay, JSON.parse(decoder.decode(opened.plaintext)));
    } catch {
      member.ws.close(1008, 'bad frame');
      return;
    }
    member.persist();
    try {
      await this.sequencer().submit(member.name, say.cid, say.text);
    } catch (error) {
      logEvent('shard_submit_failed', { shard: this.index, error: errorName(error) });
      await member.sendPrivate({ type: 'retry', cid: say.cid });
    }
  }

  private leave(ws: WebSocket): void {
    if (!this.members.delete(ws)) return;
    // It holds the broadcast key: the next batch is sealed with a new one (docs/security.md).
    this.keys.retire();
    void this.reportPresence().catch(() => undefined);
  }

  /** Pulls from the sequencer and fans out until `target` is reached (null: until nothing is left). */
  private async catchUp(target: number | null): Promise<void> {
    while (target === null || this.last < target) {
      const page = await this.sequencer().range(this.last, MAX_BATCH);
      const fresh = page.filter((entry) => entry.seq > this.last);
      if (fresh.length === 0) return;
      await this.fanOut(fresh);
    }
  }

  /** `entries` follow on from `last`: stored as delivered first, then sealed once and sent to every member. */
  private async fanOut(entries: ShardEntry[]): Promise<void> {
    const lastEntry = entries.at(-1);
    if (!lastEntry) return;
    this.last = lastEntry.seq;
    this.metaStore().setMeta('last', this.last);
    if (this.members.size === 0) return;
    const keyset = await this.keyset();
    const [key, signingKey] = await Promise.all([this.keys.keyOf(keyset), this.keys.signingKey()]);
    const batch = { type: 'batch', entries } satisfies ShardBatch;
    // The room seq of the batch's last entry is its broadcast seq: members see it only increase.
    const seq = { hi: Math.floor(this.last / 2 ** 32), lo: this.last >>> 0 };
    const frame = await sealBroadcast(
      { epoch: keyset.epoch, key, signingKey },
      seq,
      encoder.encode(JSON.stringify(batch)),
    );
    for (const member of [...this.members.values()]) {
      if (member.queue) {
        member.queue.push(...entries);
        continue;
      }
      if (member.epochSent !== keyset.epoch) {
        member.epochSent = keyset.epoch;
        await member.sendPrivate(this.keys.message(keyset));
      }
      if (!member.send(frame)) this.leave(member.ws);
    }
  }

  /** The broadcast key to seal with now (rotated first if a member left), the signing key made once. */
  private async keyset(): Promise<BroadcastKeyset> {
    await this.keys.ready();
    const keyset = this.keys.current();
    if (!keyset) throw new Error('no signing key');
    return keyset;
  }

  private reportPresence(): Promise<number> {
    return this.sequencer().presence(this.index, this.members.size);
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch((error: unknown) => {
      logEvent('shard_delivery_failed', { shard: this.index, error: errorName(error) });
    });
    return next;
  }

  private sequencer(): DurableObjectStub<SequencerApi> {
    return this.env.SEQUENCER.getByName(SEQUENCER_NAME);
  }

  private metaStore(): MetaStore {
    const sql = this.ctx.storage.sql;
    return {
      getMeta: (k) => {
        const row = sql.exec('SELECT v FROM meta WHERE k = ?', k).toArray()[0];
        const value = row?.v;
        return value instanceof ArrayBuffer || typeof value === 'string' || typeof value === 'number'
          ? value
          : null;
      },
      setMeta: (k, value) => {
        sql.exec(
          'INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v',
          k,
          value,
        );
      },
    };
  }
}
