// A member socket of the sharded-room prototype for the workerd tests: opens /ws through the worker,
// joins with ShardMember (worker/protocol/shard-member.ts), opens every frame in arrival order and
// keeps every room entry it was given, so a test can check order, repeats and gaps.

import { SELF } from 'cloudflare:test';
import type { Bytes } from '#crypto/base64';
import { ShardMember } from '#protocol/shard-member';
import type { ShardEntry } from '#protocol/shard-messages';

const open = new Set<ShardClient>();

export class ShardClient {
  readonly entries: ShardEntry[] = [];
  readonly closed: Promise<number>;
  private processing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private joinedResolve: () => void = () => undefined;
  readonly joined = new Promise<void>((resolve) => {
    this.joinedResolve = resolve;
  });

  private constructor(
    readonly ws: WebSocket,
    readonly member: ShardMember,
  ) {
    this.closed = new Promise((resolve) => ws.addEventListener('close', (event) => resolve(event.code)));
    ws.addEventListener('message', (event) => {
      const frame = new Uint8Array(event.data as ArrayBuffer) as Bytes;
      this.processing = this.processing.then(async () => {
        try {
          const { entries } = await this.member.receive(frame);
          this.entries.push(...entries);
          if (this.member.shard !== null) this.joinedResolve();
        } catch (error) {
          this.failure = error instanceof Error ? error : new Error(String(error));
        }
      });
    });
  }

  /** Joins as `name` (or resumes after `after`), on the shard the front worker picks for it. */
  static async connect(name: string, after: number | null = null): Promise<ShardClient> {
    const res = await SELF.fetch(`http://localhost/ws?member=${encodeURIComponent(name)}`, {
      headers: { Upgrade: 'websocket' },
    });
    const ws = res.webSocket;
    if (!ws) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
    ws.binaryType = 'arraybuffer';
    const client = new ShardClient(ws, await ShardMember.create(name, after));
    ws.accept();
    open.add(client);
    ws.send(client.member.joinFrame());
    await client.joined;
    return client;
  }

  get shard(): number {
    if (this.member.shard === null) throw new Error('not joined');
    return this.member.shard;
  }

  /** Throws the first frame this client could not open or parse. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async say(cid: string, text: string): Promise<void> {
    this.ws.send(await this.member.say(cid, text));
  }

  close(): Promise<number> {
    open.delete(this);
    this.ws.close(1000, 'done');
    return this.closed;
  }
}

export async function closeAllShardClients(): Promise<void> {
  await Promise.all([...open].map((client) => client.close()));
}
