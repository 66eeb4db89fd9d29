// `--sharded`: the sharded-room prototype's members as RelayClients (bench/relay-clients.ts), so the
// modes of bench/scenarios/versus.ts drive it like the normal room. Each is a ShardMember
// (worker/protocol/shard-member.ts); a broadcast frame that reaches many of them as the same bytes is
// verified and decrypted once in this process and the result shared, as bench/shared-broadcasts.ts
// does for the room (each member still checks the epoch and the seq itself).

import WebSocket from 'ws';
import { type Bytes, toBase64Url } from '#crypto/base64';
import { SIGNATURE_BYTES, verifyAndDecrypt } from '#crypto/broadcast-frame';
import { type BroadcastOpener, ShardMember } from '#protocol/shard-member';
import type { RelayClients } from './relay-clients';
import { now, withTimeout } from './time';

const KEPT = 4_096;
const CLOSE_TIMEOUT_MS = 10_000;

function sharedOpener(): BroadcastOpener {
  const results = new Map<string, Promise<Bytes>>();
  return (keys, frame) => {
    const id = `${keys.epoch}:${toBase64Url(frame.subarray(frame.byteLength - SIGNATURE_BYTES))}`;
    let result = results.get(id);
    if (!result) {
      result = verifyAndDecrypt(keys, frame);
      results.set(id, result);
      if (results.size > KEPT) {
        const oldest = results.keys().next().value;
        if (oldest !== undefined) results.delete(oldest);
      }
    }
    return result;
  };
}

export interface ShardedClients extends RelayClients {
  /** Members per shard, and the repeats and gaps any member saw (both must be 0). */
  perShard(): number[];
  faults(): { duplicates: number; gaps: number; errors: number };
}

/** Opens and joins `names.length` members, `concurrency` joins at a time. */
export async function shardedClients(
  label: string,
  url: string,
  names: readonly string[],
  concurrency: number,
  timeoutMs: number,
): Promise<ShardedClients> {
  const opener = sharedOpener();
  const sockets: WebSocket[] = new Array(names.length);
  const members: ShardMember[] = new Array(names.length);
  let cid = 0;
  let errors = 0;
  const relay: ShardedClients = {
    label,
    size: names.length,
    sink: null,
    send(from, text) {
      const ws = sockets[from];
      const member = members[from];
      if (!ws || !member || ws.readyState !== WebSocket.OPEN) return;
      void member.say(`c${++cid}`, text).then((frame) => ws.send(frame));
    },
    perShard() {
      const counts: number[] = [];
      for (const member of members)
        if (member?.shard != null) counts[member.shard] = (counts[member.shard] ?? 0) + 1;
      return Array.from(counts, (n) => n ?? 0);
    },
    faults() {
      let duplicates = 0;
      let gaps = 0;
      for (const member of members) {
        duplicates += member?.duplicates ?? 0;
        gaps += member?.gaps ?? 0;
      }
      return { duplicates, gaps, errors };
    },
    async close() {
      const open = sockets.filter((ws) => ws && ws.readyState !== WebSocket.CLOSED);
      const closed = open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of open) ws.close(1000, 'bench done');
      await withTimeout(Promise.all(closed), CLOSE_TIMEOUT_MS, 'closing the sharded clients').catch(
        () => undefined,
      );
      for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    },
  };
  const open = async (i: number) => {
    const name = names[i] ?? `s${i}`;
    const member = await ShardMember.create(name, null, opener);
    members[i] = member;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${url}?member=${encodeURIComponent(name)}`, { perMessageDeflate: false });
      sockets[i] = ws;
      let chain = Promise.resolve();
      ws.on('error', reject);
      ws.on('open', () => ws.send(member.joinFrame()));
      ws.on('message', (data: Buffer) => {
        const at = now();
        const frame = new Uint8Array(data) as Bytes;
        chain = chain.then(async () => {
          try {
            const { entries } = await member.receive(frame);
            if (member.shard !== null) resolve();
            for (const entry of entries) relay.sink?.(i, entry.text, entry.from === name, at);
          } catch {
            errors++;
          }
        });
      });
    });
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++)
      await withTimeout(open(i), timeoutMs, `sharded join ${i}`);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return relay;
}
