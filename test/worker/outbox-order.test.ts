// When and in which order the room's outbox sends (worker/room/outbox.ts), against fake sockets
// inside workerd: an idle room sends at once, messages queued during a flush share the next one,
// and the sender's own copy is sent before the fan-out, with a turn for the runtime in between.

import { describe, expect, it } from 'vitest';
import type { Bytes } from '../../worker/crypto/base64';
import { Direction, openFrame } from '../../worker/crypto/frame-codec';
import { importSessionKey } from '../../worker/crypto/session-key';
import type { ServerMessageOf } from '../../worker/protocol/server-messages';
import { flowLimits } from '../../worker/room/flow-limits';
import type { LiveSocket } from '../../worker/room/live-socket';
import { Outbox } from '../../worker/room/outbox';
import { newAttachment } from '../../worker/room/socket-attachment';
import { newFlow } from '../../worker/room/socket-flow';
import { fullBucket } from '../../worker/room/token-bucket';

const limits = flowLimits({
  FLOW_WINDOW_BYTES: 1 << 20,
  FLOW_SOCKET_CAP_BYTES: 4 << 20,
  FLOW_ROOM_CAP_BYTES: 64 << 20,
  FLOW_ACK_TIMEOUT_MS: 20_000,
  FLOW_PAGE_BYTES: 64 << 10,
});

interface Harness {
  readonly outbox: Outbox;
  /** What happened, in order: `send:<name>` per frame, `yield` per turn given to the runtime. */
  readonly log: string[];
  readonly frames: Map<string, Bytes[]>;
  /** Flushes started by the scheduler (queued in the fake serial queue). */
  starts: number;
  /** Runs everything queued in the fake serial queue. */
  drain(): Promise<void>;
}

function harness(): Harness {
  const log: string[] = [];
  const frames = new Map<string, Bytes[]>();
  let queue: Promise<void> = Promise.resolve();
  const h: Harness = {
    log,
    frames,
    starts: 0,
    outbox: new Outbox(
      () => 1,
      () => undefined,
      () => {
        h.starts++;
        queue = queue.then(() => h.outbox.flush());
      },
      { limits, slowConsumer: () => undefined },
      () => 0,
      async () => {
        log.push('yield');
      },
    ),
    drain: async () => {
      await queue;
    },
  };
  return h;
}

const raw = new Uint8Array(32).fill(7);

function member(h: Harness, name: string): LiveSocket {
  const ws = {
    send(data: Bytes): void {
      h.log.push(`send:${name}`);
      h.frames.set(name, [...(h.frames.get(name) ?? []), new Uint8Array(data)]);
    },
  } as unknown as WebSocket;
  return {
    ws,
    att: { ...newAttachment('c', 0), key: raw, name },
    key: null,
    sendLo: 0,
    bucket: fullBucket(10, 0),
    expensive: fullBucket(10, 0),
    strikes: 0,
    closed: false,
    outbound: [],
    held: [],
    flow: newFlow(),
  };
}

async function opened(frame: Bytes): Promise<unknown> {
  const key = await importSessionKey(raw);
  const { plaintext } = await openFrame(key, Direction.ServerToClient, frame, () => true);
  return JSON.parse(new TextDecoder().decode(plaintext));
}

const msg = (id: number): ServerMessageOf<'msg'> => ({
  type: 'msg',
  id,
  from: 'ann',
  text: `m${id}`,
  ts: 0,
  at: 0,
});

describe('Outbox send order and timing', () => {
  it('starts a flush as soon as an idle room queues a message, and sends it', async () => {
    const h = harness();
    const bob = member(h, 'bob');
    h.outbox.send(bob, msg(1));
    expect(h.starts).toBe(1);
    await h.drain();
    expect(h.log).toEqual(['send:bob']);
  });

  it('sends messages queued while a flush is under way together, in one more flush', async () => {
    const h = harness();
    const bob = member(h, 'bob');
    h.outbox.send(bob, msg(1));
    // The first flush has begun (it is awaiting the cipher) when the next messages arrive.
    const first = h.outbox.flush();
    h.outbox.send(bob, msg(2));
    h.outbox.send(bob, msg(3));
    await first;
    await h.drain();
    expect(h.starts).toBe(2);
    const sent = h.frames.get('bob') ?? [];
    expect(sent).toHaveLength(2);
    expect(await opened(sent[1] as Bytes)).toEqual({ type: 'batch', messages: [msg(2), msg(3)] });
  });

  it("sends the sender's own copy first, then gives the runtime a turn, then the fan-out", async () => {
    const h = harness();
    const [ann, bob, cat] = [member(h, 'ann'), member(h, 'bob'), member(h, 'cat')];
    // Queued after the broadcast on purpose: the echo still goes first.
    h.outbox.broadcast([bob, cat], msg(1));
    h.outbox.echo(ann, { ...msg(1), cid: 4 });
    await h.drain();
    expect(h.log).toEqual(['send:ann', 'yield', 'send:bob', 'send:cat']);
    expect(await opened((h.frames.get('ann') ?? [])[0] as Bytes)).toEqual({ ...msg(1), cid: 4 });
  });

  it('counts every frame it streams in the socket’s flow-control account', async () => {
    const h = harness();
    const [ann, bob] = [member(h, 'ann'), member(h, 'bob')];
    h.outbox.echo(ann, { ...msg(1), cid: 1 });
    h.outbox.broadcast([bob], msg(1));
    await h.drain();
    for (const [live, name] of [
      [ann, 'ann'],
      [bob, 'bob'],
    ] as const) {
      const bytes = (h.frames.get(name) ?? []).reduce((sum, f) => sum + f.byteLength, 0);
      expect(live.flow.sent).toBe(bytes);
      expect(live.flow.queued).toBe(0);
    }
  });
});
