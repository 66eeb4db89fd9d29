// The sharded-room prototype's sequencer (docs/scaling.md): the one object that orders the room.
// It numbers each message (a monotonic seq), stores it in SQLite with its exactly-once id (sender,
// cid) so a resent message is ordered once, and pushes ordered batches to each of the K fan-out
// shards by RPC, one push in flight per shard (what arrives meanwhile rides in the next batch).
// Tested in test/worker/shard/sharded-room.test.ts. Its method names are unique in the bundle: the
// bench's V8 profile finds the sequencer's CPU by them (bench/sharded-profile.ts, SEQUENCER_FUNCTIONS).

import { DurableObject } from 'cloudflare:workers';
import type { ShardEntry } from '../protocol/shard-messages';
import { errorName, logEvent, setEventLogging } from '../room/log';
import { type SequencerApi, type ShardEnv, type Submitted, shardName } from './shard-rpc';
import { shardCount } from './shard-settings';

/** Recent entries kept in memory for pushes; older ones are read from SQLite. */
const TAIL_KEPT = 1_000;
/** Most entries in one push or one range answer (RPC payloads stay small). */
export const MAX_BATCH = 200;
/** After a failed push, the next try; the shard also pulls on its own when it sees a gap. */
const PUSH_RETRY_MS = 1_000;

export class RoomSequencer extends DurableObject<ShardEnv> implements SequencerApi {
  private head = 0;
  private readonly tail: ShardEntry[] = [];
  /** Per shard: the last seq pushed to it (in memory; on wake, a tail is pushed again). */
  private readonly pushed: number[];
  private readonly pushing: boolean[];
  private readonly members = new Map<number, number>();

  constructor(ctx: DurableObjectState, env: ShardEnv) {
    super(ctx, env);
    setEventLogging(env.LOG_EVENTS !== 'off');
    const k = shardCount(env);
    this.pushed = new Array<number>(k).fill(0);
    this.pushing = new Array<boolean>(k).fill(false);
    void ctx.blockConcurrencyWhile(async () => this.openLog());
  }

  private openLog(): void {
    const sql = this.ctx.storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY, sender TEXT NOT NULL, cid TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL)`);
    sql.exec('CREATE UNIQUE INDEX IF NOT EXISTS messages_once ON messages (sender, cid)');
    sql.exec('CREATE TABLE IF NOT EXISTS presence (shard INTEGER PRIMARY KEY, members INTEGER NOT NULL)');
    this.head = Number(sql.exec('SELECT COALESCE(MAX(seq), 0) AS head FROM messages').one().head);
    for (const row of sql.exec('SELECT shard, members FROM presence'))
      this.members.set(Number(row.shard), Number(row.members));
    this.tail.push(...this.readLog(Math.max(0, this.head - TAIL_KEPT), TAIL_KEPT));
    // A push may have been lost with the old instance: send the tail again (shards drop repeats).
    const from = this.tail[0]?.seq ?? this.head + 1;
    this.pushed.fill(from - 1);
    for (let i = 0; i < this.pushed.length; i++) this.schedulePush(i);
  }

  async submit(from: string, cid: string, text: string): Promise<Submitted> {
    const sql = this.ctx.storage.sql;
    const known = sql.exec('SELECT seq FROM messages WHERE sender = ? AND cid = ?', from, cid).toArray()[0];
    if (known) return { seq: Number(known.seq), duplicate: true };
    const entry: ShardEntry = { seq: this.head + 1, from, cid, text, at: Date.now() };
    sql.exec(
      'INSERT INTO messages (seq, sender, cid, text, at) VALUES (?, ?, ?, ?, ?)',
      entry.seq,
      entry.from,
      entry.cid,
      entry.text,
      entry.at,
    );
    this.head = entry.seq;
    this.tail.push(entry);
    if (this.tail.length > TAIL_KEPT) this.tail.splice(0, this.tail.length - TAIL_KEPT);
    for (let i = 0; i < this.pushed.length; i++) this.schedulePush(i);
    return { seq: entry.seq, duplicate: false };
  }

  async range(after: number, limit: number): Promise<ShardEntry[]> {
    return this.entriesAfter(after, Math.max(1, Math.min(limit, MAX_BATCH)));
  }

  async presence(shard: number, members: number): Promise<number> {
    this.members.set(shard, members);
    this.ctx.storage.sql.exec(
      'INSERT INTO presence (shard, members) VALUES (?, ?) ON CONFLICT (shard) DO UPDATE SET members = excluded.members',
      shard,
      members,
    );
    let total = 0;
    for (const count of this.members.values()) total += count;
    return total;
  }

  /** Starts shard `i`'s push loop unless one is running; it runs until the shard has the head. */
  private schedulePush(i: number): void {
    if (this.pushing[i]) return;
    this.pushing[i] = true;
    void this.pushTo(i).finally(() => {
      this.pushing[i] = false;
    });
  }

  private async pushTo(i: number): Promise<void> {
    const stub = this.env.FAN_OUT_SHARD.getByName(shardName(i));
    try {
      for (let done = this.pushed[i] ?? 0; done < this.head; done = this.pushed[i] ?? this.head) {
        const batch = this.entriesAfter(done, MAX_BATCH);
        const last = batch.at(-1);
        if (!last) return;
        await stub.deliver(batch);
        this.pushed[i] = Math.max(this.pushed[i] ?? 0, last.seq);
      }
    } catch (error) {
      logEvent('shard_push_failed', { shard: i, error: errorName(error) });
      setTimeout(() => this.schedulePush(i), PUSH_RETRY_MS);
    }
  }

  private entriesAfter(after: number, limit: number): ShardEntry[] {
    const first = this.tail[0];
    if (first && first.seq <= after + 1) {
      const start = after + 1 - first.seq;
      return this.tail.slice(start, start + limit);
    }
    return this.readLog(after, limit);
  }

  private readLog(after: number, limit: number): ShardEntry[] {
    return this.ctx.storage.sql
      .exec(
        'SELECT seq, sender, cid, text, at FROM messages WHERE seq > ? ORDER BY seq LIMIT ?',
        after,
        limit,
      )
      .toArray()
      .map((row) => ({
        seq: Number(row.seq),
        from: String(row.sender),
        cid: String(row.cid),
        text: String(row.text),
        at: Number(row.at),
      }));
  }
}
