// Entry point of wrangler.sharded.toml, the sharded-room prototype's bench and test worker (never
// deployed: wrangler.toml's entry is worker/index.ts). With ROOM_SHARDS = K > 0, /ws is one room as
// 1 sequencer + K fan-out shards; with 0 (the default) everything, /ws included, is the normal app.

import { app } from '../http/app';
import { routeToShard } from './shard-route';
import type { ShardEnv } from './shard-rpc';
import { shardCount } from './shard-settings';

export { ChatRoom } from '../room/chat-room';
export { FanOutShard } from './fan-out-shard';
export { RoomSequencer } from './sequencer';

export default {
  fetch(request, env, ctx) {
    const k = shardCount(env);
    if (k > 0 && new URL(request.url).pathname === '/ws') return routeToShard(request, env, k);
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env & ShardEnv>;
