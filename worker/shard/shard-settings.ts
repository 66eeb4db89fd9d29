// ROOM_SHARDS, the sharded-room prototype's one setting (wrangler.sharded.toml): K fan-out shards
// behind one sequencer, or 0 (the default) for the normal room. Anything else is logged and read as 0.

import * as v from 'valibot';
import { logEvent } from '../room/log';

export const MAX_ROOM_SHARDS = 64;

const ShardCount = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform(Number),
  v.number(),
  v.safeInteger(),
  v.minValue(0),
  v.maxValue(MAX_ROOM_SHARDS),
);

/** K from `env.ROOM_SHARDS`: 0 when unset, blank or invalid. */
export function shardCount(env: { ROOM_SHARDS?: unknown }): number {
  const raw = env.ROOM_SHARDS;
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return 0;
  const parsed = v.safeParse(ShardCount, raw);
  if (parsed.success) return parsed.output;
  logEvent('config_invalid', { name: 'ROOM_SHARDS', fallback: '0' });
  return 0;
}
