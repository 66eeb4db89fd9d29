// The order in which a flush sends (worker/room/outbox.ts, frame-stream.ts), with fake sockets in
// workerd: the sender's echo first, and the runtime gets to write it before the fan-out is sealed
// and sent; an idle room sends at once; messages queued during a flush go out together in the next one;
// the writes waiting behind (write-behind.ts) run before anything is sent, and when they fail nothing is.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { Direction, openFrame } from '#crypto/frame-codec';
import { importSessionKey, SESSION_KEY_BYTES } from '#crypto/session-key';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { MetaStore } from '../../worker/room/broadcast-keys';
import { sendOrder } from '../../worker/room/frame-stream';
import type { LiveSocket } from '../../worker/room/live-socket';
import { Outbox } from '../../worker/room/outbox';
import { newAttachment } from '../../worker/room/socket-attachment';
import { newFlow } from '../../worker/room/socket-flow';
import { fullBucket } from '../../worker/room/token-bucket';

const LIMITS = {
  windowBytes: 256 * 1024,
  socketCapBytes: 4 * 2 ** 20,
  roomCapBytes: 64 * 2 ** 20,
  ackTimeoutMs: 30_000,
  pageBytes: 64 * 1024,
};

interface Member {
  live: LiveSocket;
  frames: Bytes[];
  key: Promise<CryptoKey>;
}

/** A joined socket whose sends are written to `log` by name. */
function member(name: string, log: string[]): Member {
  const raw = crypto.getRandomValues(new Uint8Array(SESSION_KEY_BYTES));
  const key = importSessionKey(raw);
  const frames: Bytes[] = [];
  const ws = {
    send(data: Bytes) {
      log.push(name);
      frames.push(data);
    },
    close() {},
  };
  const att = { ...newAttachment('challenge', 0), key: raw, authed: true, name, session: `s-${name}` };
  const live: LiveSocket = {
    ws: ws as unknown as WebSocket,
    att,
    key,
    sendLo: 0,
    bucket: fullBucket(10, 0),
    expensive: fullBucket(10, 0),
    strikes: 0,
    closed: false,
    recvMayTrail: false,
    outbound: [],
    held: [],
    flow: newFlow(),
  };
  return { live, frames, key };
}

function memoryMeta(): MetaStore {
  const meta = new Map<string, ArrayBuffer | string | number>();
  return { getMeta: (key) => meta.get(key) ?? null, setMeta: (key, value) => void meta.set(key, value) };
}

/** A room around one outbox: a serial queue like the room's, and the log of every send and yield. */
function room(yieldToIo: () => Promise<void>, beforeSend?: () => void) {
  const log: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let flushTasks = 0;
  /** What the flushes threw, as the room's serial queue logs it. */
  const failures: unknown[] = [];
  const outbox = new Outbox(
    () => 1,
    () => {},
    (task) => {
      flushTasks++;
      queue = queue.then(task).catch((error: unknown) => void failures.push(error));
    },
    { limits: LIMITS, slowConsumer: () => {}, beforeSend },
    memoryMeta(),
    () => 0,
    async () => {
      log.push('yield');
      await yieldToIo();
    },
  );
  return {
    log,
    outbox,
    failures,
    flushTasks: () => flushTasks,
    async drained(): Promise<void> {
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}

function chat(id: number, text: string): ServerMessageOf<'msg'> {
  return { type: 'msg', id, from: 'ann', text, ts: 1, at: 1 };
}

async function opened(m: Member, frame: Bytes): Promise<unknown> {
  const { plaintext } = await openFrame(await m.key, Direction.ServerToClient, frame, () => true);
  return JSON.parse(new TextDecoder().decode(plaintext));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sendOrder', () => {
  it('puts the sockets waiting for an answer first, each group in the order it was queued', () => {
    expect(sendOrder(['b', 'a', 'c', 'd'], new Set(['d', 'a']))).toEqual(['a', 'd', 'b', 'c']);
    expect(sendOrder(['b', 'c'], new Set())).toEqual(['b', 'c']);
  });
});

describe('Outbox flush order', () => {
  it("sends the sender's echo first and lets the runtime write it before the fan-out", async () => {
    const r = room(async () => {});
    const ann = member('ann', r.log);
    const bob = member('bob', r.log);
    const cy = member('cy', r.log);
    await r.outbox.keys?.ready();
    // As the chat handler does: the others first, then the sender's own copy with its cid.
    r.outbox.publish([bob.live, cy.live], chat(1, 'hello'));
    r.outbox.send(ann.live, { ...chat(1, 'hello'), cid: 7 });
    await r.drained();
    // bob and cy each get the room key (under their session key), then the broadcast frame.
    expect(r.log).toEqual(['ann', 'yield', 'bob', 'bob', 'cy', 'cy']);
    expect(await opened(ann, ann.frames[0] as Bytes)).toMatchObject({ type: 'msg', cid: 7 });
    expect(bob.frames[1], 'one broadcast frame, the same bytes for all').toEqual(cy.frames[1]);
    expect(r.failures).toEqual([]);
  });

  it('serves an ack first too, and keeps each socket in sequence order', async () => {
    const r = room(async () => {});
    const ann = member('ann', r.log);
    const bob = member('bob', r.log);
    r.outbox.send(bob.live, chat(1, 'first for bob'));
    r.outbox.send(ann.live, { type: 'ack', cid: 3 });
    r.outbox.send(ann.live, chat(2, 'then this'));
    await r.drained();
    expect(r.log).toEqual(['ann', 'yield', 'bob']);
    expect(await opened(ann, ann.frames[0] as Bytes)).toMatchObject({
      type: 'batch',
      messages: [
        { type: 'ack', cid: 3 },
        { type: 'msg', id: 2 },
      ],
    });
  });

  it('sends at once in an idle room, with no timer', async () => {
    vi.useFakeTimers();
    const r = room(async () => {});
    const bob = member('bob', r.log);
    r.outbox.send(bob.live, chat(1, 'hi'));
    expect(r.flushTasks(), 'the flush is queued by the send itself').toBe(1);
    await r.drained();
    expect(bob.frames).toHaveLength(1);
    expect(vi.getTimerCount(), 'no timer was set').toBe(0);
  });

  it('sends messages queued while a flush runs together, in one more flush', async () => {
    let reached = () => {};
    const atYield = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const r = room(async () => {
      reached();
      await gate;
    });
    const ann = member('ann', r.log);
    const bob = member('bob', r.log);
    await r.outbox.keys?.ready();
    r.outbox.publish([bob.live], chat(1, 'one'));
    r.outbox.send(ann.live, { ...chat(1, 'one'), cid: 1 });
    await atYield;
    // The first flush is under way (the echo is out): two more arrive back to back.
    r.outbox.publish([bob.live, ann.live], chat(2, 'two'));
    r.outbox.publish([bob.live, ann.live], chat(3, 'three'));
    release();
    await r.drained();
    expect(r.flushTasks()).toBe(2);
    // bob: the room key and message 1 in the first flush, messages 2 and 3 as one frame in the second.
    expect(bob.frames).toHaveLength(3);
    expect(ann.frames, 'the echo, then the key and one frame for 2 and 3').toHaveLength(3);
  });

  it('runs the writes waiting behind before it sends anything (write-behind.ts)', async () => {
    const log: string[] = [];
    const r = room(
      async () => {},
      () => log.push('write'),
    );
    const ann = member('ann', log);
    r.outbox.send(ann.live, { ...chat(1, 'hi'), cid: 1 });
    await r.drained();
    expect(log).toEqual(['write', 'ann']);
  });

  it('sends nothing queued before it when the writes waiting behind fail, and sends again afterwards', async () => {
    let fail = true;
    const r = room(
      async () => {},
      () => {
        if (fail) throw new Error('database full');
      },
    );
    const ann = member('ann', r.log);
    const bob = member('bob', r.log);
    r.outbox.send(ann.live, { ...chat(1, 'not stored'), cid: 1 });
    r.outbox.send(bob.live, chat(1, 'not stored'));
    await r.drained();
    expect(r.log, 'no copy of a message that may not be stored').toEqual([]);
    expect(r.failures).toEqual([new Error('database full')]);
    fail = false;
    r.outbox.send(bob.live, chat(2, 'stored'));
    await r.drained();
    expect(bob.frames).toHaveLength(1);
    expect(await opened(bob, bob.frames[0] as Bytes)).toMatchObject({ type: 'msg', id: 2 });
  });
});
