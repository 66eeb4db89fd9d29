// The sharded-room prototype (docs/scaling.md) with ROOM_SHARDS=4: one sequencer orders the room,
// four fan-out shards deliver it. Every member must see every message exactly once and in the same
// order, also when a shard or the sequencer is evicted mid-stream; each eviction is proved by
// checking that a new instance took over.

import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShardEntry } from '#protocol/shard-messages';
import { SEQUENCER_NAME, type ShardEnv, shardName } from '../../../worker/shard/shard-rpc';
import { closeAllShardClients, ShardClient } from './shard-client';

afterEach(closeAllShardClients);

const K = 4;

/** The prototype's bindings (wrangler.sharded.toml), which the main Env type does not list. */
function hasShardBindings(bindings: object): bindings is ShardEnv {
  return 'SEQUENCER' in bindings && 'FAN_OUT_SHARD' in bindings;
}
if (!hasShardBindings(env)) throw new Error('run with wrangler.sharded.toml (the vitest project "shard")');
const { SEQUENCER, FAN_OUT_SHARD } = env;
let run = 0;

/** Evicts `stub`'s object (its sockets hibernate) and checks that a new instance took over. */
async function evict(stub: DurableObjectStub<Rpc.DurableObjectBranded>): Promise<void> {
  const before = await runInDurableObject(stub, (instance) => instance);
  await evictDurableObject(stub);
  const after = await runInDurableObject(stub, (instance) => instance);
  expect(after).not.toBe(before);
}

/** Members until every one of the K shards has at least two. */
async function membersOnEveryShard(prefix: string): Promise<ShardClient[]> {
  const members: ShardClient[] = [];
  const perShard = new Array<number>(K).fill(0);
  for (let i = 0; perShard.some((n) => n < 2) && i < 64; i++) {
    const member = await ShardClient.connect(`${prefix}${i}`);
    members.push(member);
    perShard[member.shard] = (perShard[member.shard] ?? 0) + 1;
  }
  expect(perShard.every((n) => n >= 2)).toBe(true);
  return members;
}

async function allReceived(members: readonly ShardClient[], count: number): Promise<void> {
  await expect
    .poll(() => {
      for (const member of members) member.check();
      return Math.min(...members.map((member) => member.entries.length));
    })
    .toBeGreaterThanOrEqual(count);
}

/** (sender, cid) of each entry: the identity the sequencer orders once. */
const ids = (entries: readonly ShardEntry[]) => entries.map((entry) => `${entry.from}/${entry.cid}`);

describe('a room of one sequencer and four fan-out shards', () => {
  it('delivers messages from several senders exactly once and in the same order to every member, across a shard eviction', async () => {
    const prefix = `r${++run}m`;
    const members = await membersOnEveryShard(prefix);
    const senders = members.slice(0, 3);
    const sent: string[] = [];
    const burst = async (label: string, count: number) => {
      await Promise.all(
        senders.map(async (sender) => {
          for (let i = 0; i < count; i++) {
            const cid = `${label}-${i}`;
            sent.push(`${sender.member.name}/${cid}`);
            await sender.say(cid, `${label} ${i} from ${sender.member.name}`);
          }
        }),
      );
    };
    await burst('a', 5);
    // Mid-stream: shard 1's members hibernate, the shard's instance is dropped; the sequencer too.
    await evict(FAN_OUT_SHARD.getByName(shardName(1)));
    await burst('b', 5);
    await evict(SEQUENCER.getByName(SEQUENCER_NAME));
    await evict(FAN_OUT_SHARD.getByName(shardName(2)));
    // A resend of an id already ordered (a client retrying after a reconnect) is ordered once.
    await senders[0]?.say('a-0', 'a 0 again');
    await burst('c', 5);
    await allReceived(members, sent.length);

    const reference = members[0]?.entries ?? [];
    expect(ids(reference).sort()).toEqual([...sent].sort());
    expect(reference.map((entry) => entry.seq)).toEqual(
      reference.map((_, i) => (reference[0]?.seq ?? 0) + i),
    );
    for (const member of members) {
      expect(member.member.duplicates).toBe(0);
      expect(member.member.gaps).toBe(0);
      expect(member.entries).toEqual(reference);
    }
  });

  it('sends a member who resumes with its last seq exactly what it missed, then the live stream', async () => {
    const prefix = `r${++run}m`;
    const [speaker, listener] = await Promise.all([
      ShardClient.connect(`${prefix}speaker`),
      ShardClient.connect(`${prefix}listener`),
    ]);
    if (!speaker || !listener) throw new Error('not joined');
    await speaker.say('one', 'one');
    await allReceived([listener], 1);
    const last = listener.member.last;
    await listener.close();
    for (const cid of ['two', 'three', 'four']) await speaker.say(cid, cid);
    await allReceived([speaker], 4);
    await evict(FAN_OUT_SHARD.getByName(shardName(listener.shard)));
    const back = await ShardClient.connect(`${prefix}listener`, last);
    await speaker.say('five', 'five');
    await allReceived([back], 4);
    expect(back.entries.map((entry) => entry.text)).toEqual(['two', 'three', 'four', 'five']);
    expect(back.member.duplicates).toBe(0);
    expect(back.member.gaps).toBe(0);
  });
});
