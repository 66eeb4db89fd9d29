// The front worker's part in the sharded-room prototype: a socket to /ws goes to fan-out shard
// shardFor(member, K), named in a header so the shard knows its own number (for presence).
// `?member=` is the member's stable id; without one, a random shard.

import { SHARD_INDEX_HEADER } from './fan-out-shard';
import { shardFor } from './shard-assignment';
import { type ShardEnv, shardName } from './shard-rpc';

export function routeToShard(request: Request, env: ShardEnv, k: number): Promise<Response> | Response {
  if (request.headers.get('Upgrade') !== 'websocket') return new Response('websocket only', { status: 426 });
  const member = new URL(request.url).searchParams.get('member') ?? crypto.randomUUID();
  const index = shardFor(member, k);
  const headers = new Headers(request.headers);
  headers.set(SHARD_INDEX_HEADER, String(index));
  return env.FAN_OUT_SHARD.getByName(shardName(index)).fetch(new Request(request, { headers }));
}
