// Unit tests for when the client core acknowledges the room's frames (client/core/secure-channel.ts,
// protocol §6): FLOW_ACK_DELAY_MS after the first frame not yet acknowledged, one ack per delay for a
// steady stream, at once past FLOW_ACK_BYTES, and never while nothing arrives. Fake timers, the
// in-memory room of fake-room.ts.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLOW_ACK_BYTES, FLOW_ACK_DELAY_MS } from '#protocol/flow-ack-codec';
import type { ServerMessageOf } from '#protocol/server-messages';
import { ChatClient } from '../../../../client/core/chat-client';
import { FakeRoom, type FakeSocket } from './fake-room';

let room: FakeRoom;
let client: ChatClient;

beforeAll(async () => {
  room = await FakeRoom.create();
});

beforeEach(() => {
  // Only the timers and the clock: promises and the crypto they wait on run for real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  room.reset();
  client = new ChatClient({ connect: room.connect, random: () => 0, heartbeatMs: 0 });
});

afterEach(() => {
  client.close();
  vi.useRealTimers();
});

/**
 * Waits until the socket has read everything the client sent so far: the client seals and sends in
 * order, so once a message sent now has arrived, any ack sent before it has too.
 */
async function settled(socket: FakeSocket): Promise<void> {
  expect(client.sendMessageEvent({ type: 'delete', id: 1 })).toBe(true);
  await socket.expect('delete');
}

/** Joins as alice and lets the join's own ack go, so that the socket starts with nothing unacknowledged. */
async function joined(): Promise<{ socket: FakeSocket; bytes: number }> {
  const joining = client.join('alice');
  const socket = await room.socket(0);
  await socket.expect('join');
  const bytes = await socket.deliver({
    type: 'joined',
    name: 'alice',
    token: 'token-alice',
    users: ['alice', 'bob'],
    resumed: false,
    at: Date.now(),
  });
  await joining;
  await vi.advanceTimersByTimeAsync(FLOW_ACK_DELAY_MS);
  await settled(socket);
  expect(socket.acks).toEqual([{ hi: 1, bytes }]);
  return { socket, bytes };
}

const line = (id: number, text = 'hello'): ServerMessageOf<'msg'> => ({
  type: 'msg',
  id,
  from: 'bob',
  text,
  ts: Date.now(),
  at: Date.now(),
});

/** The room sends a Lobby message; resolves with the frame's size once the client has read it. */
async function receive(socket: FakeSocket, id: number, text = 'hello'): Promise<number> {
  const read = new Promise<void>((resolve) => {
    const off = client.on('message', (message) => {
      if (message.id !== id) return;
      off();
      resolve();
    });
  });
  const size = await socket.deliver(line(id, text));
  await read;
  return size;
}

describe('flow acks from the client core', () => {
  it('acknowledges FLOW_ACK_DELAY_MS after the first frame not yet acknowledged, counting every frame since', async () => {
    const { socket, bytes } = await joined();
    let total = bytes + (await receive(socket, 1));
    await vi.advanceTimersByTimeAsync(FLOW_ACK_DELAY_MS / 2);
    total += await receive(socket, 2);
    await vi.advanceTimersByTimeAsync(FLOW_ACK_DELAY_MS / 2 - 1);
    await settled(socket);
    expect(socket.acks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settled(socket);
    expect(socket.acks).toEqual([
      { hi: 1, bytes },
      { hi: 1, bytes: total },
    ]);
  });

  it('sends one ack per FLOW_ACK_DELAY_MS for a steady stream, and none once it stops', async () => {
    const { socket, bytes } = await joined();
    const perDelay = 20;
    let total = bytes;
    for (let i = 1; i <= 3 * perDelay; i++) {
      total += await receive(socket, i);
      await vi.advanceTimersByTimeAsync(FLOW_ACK_DELAY_MS / perDelay);
    }
    // The join's ack, then one per delay; the last one counts every frame.
    await settled(socket);
    expect(socket.acks).toHaveLength(1 + 3);
    expect(socket.acks.at(-1)).toEqual({ hi: 1, bytes: total });
    await vi.advanceTimersByTimeAsync(10 * FLOW_ACK_DELAY_MS);
    await settled(socket);
    expect(socket.acks).toHaveLength(1 + 3);
  });

  it('acknowledges at once when FLOW_ACK_BYTES are unacknowledged, without waiting for the delay', async () => {
    const { socket, bytes } = await joined();
    const text = 'x'.repeat(4000);
    let total = bytes;
    for (let id = 1; total - bytes < FLOW_ACK_BYTES; id++) total += await receive(socket, id, text);
    await settled(socket);
    expect(socket.acks.at(-1)).toEqual({ hi: 1, bytes: total });
  });
});
