// The RPC surfaces of the sharded-room prototype's two Durable Objects, and the bindings they need,
// as interfaces: sequencer.ts and fan-out-shard.ts each implement one and call the other through
// it, so neither imports the other (docs/scaling.md).

import type { ShardEntry } from '../protocol/shard-messages';

export interface Submitted {
  seq: number;
  /** The (sender, cid) pair was ordered before: `seq` is the first one's. */
  duplicate: boolean;
}

/** The room's one sequencer: orders, stores, dedupes, pushes to every shard. */
export interface SequencerApi extends Rpc.DurableObjectBranded {
  submit(from: string, cid: string, text: string): Promise<Submitted>;
  /** Entries after `after`, oldest first, at most `limit` (a shard's catch-up, a member's resume). */
  range(after: number, limit: number): Promise<ShardEntry[]>;
  /** A shard's member count changed: returns the room-wide count. */
  presence(shard: number, members: number): Promise<number>;
}

/** One fan-out shard: takes ordered batches from the sequencer. */
export interface ShardApi extends Rpc.DurableObjectBranded {
  deliver(entries: ShardEntry[]): Promise<void>;
}

export interface ShardEnv {
  SEQUENCER: DurableObjectNamespace<SequencerApi>;
  FAN_OUT_SHARD: DurableObjectNamespace<ShardApi>;
  /** K fan-out shards; 0 (the default) is the normal room (worker/shard/shard-settings.ts). */
  ROOM_SHARDS?: string;
  LOG_EVENTS?: string;
}

/** The sequencer's and the shards' object names: one room, so fixed names. */
export const SEQUENCER_NAME = 'room:sequencer';
export function shardName(index: number): string {
  return `room:shard:${index}`;
}
