// Unit tests for ChatClient's connection state machine (client/core/chat-client.ts) against a room
// in memory (fake-room.ts: real key exchange, fake sockets) and fake timers: it connects and joins,
// reconnects with backoff, resumes its name and resends what was not confirmed, stops for good when
// replaced or when the room's key is not trusted, and drops a socket gone stale.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import type { ServerMessageOf } from '#protocol/server-messages';
import {
  ChatClient,
  type ChatClientOptions,
  type ConnectionStatus,
  type RoomError,
} from '../../../../client/core/chat-client';
import { FakeRoom } from './fake-room';

let room: FakeRoom;
let client: ChatClient;
let statuses: ConnectionStatus[];

beforeAll(async () => {
  room = await FakeRoom.create();
});

beforeEach(() => {
  // Only the timers and the clock: promises and the crypto they wait on run for real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  room.reset();
});

afterEach(() => {
  client.close();
  vi.useRealTimers();
});

/** A client whose backoff never jitters (random 0): attempts wait 250, 500, 1000, 2000… ms. */
function start(options: Partial<ChatClientOptions> = {}): ChatClient {
  client = new ChatClient({ connect: room.connect, random: () => 0, heartbeatMs: 0, ...options });
  statuses = [];
  client.on('status', (status) => statuses.push(status));
  return client;
}

const joined = (name: string, resumed = false): ServerMessageOf<'joined'> => ({
  type: 'joined',
  name,
  token: `token-${name}`,
  users: [name, 'bob'],
  resumed,
  at: Date.now(),
});

/** Resolves once the client's status is `status` (at once if it already is). */
function statusBecomes(status: ConnectionStatus): Promise<void> {
  if (client.status === status) return Promise.resolve();
  return new Promise((resolve) => {
    const off = client.on('status', (next) => {
      if (next !== status) return;
      off();
      resolve();
    });
  });
}

/** Joins as alice on socket `index`, playing the room's answer. */
async function joinAsAlice(index = 0) {
  const joining = client.join('alice');
  const socket = await room.socket(index);
  expect(await socket.expect('join')).toEqual({ type: 'join', name: 'alice' });
  await socket.deliver(joined('alice'));
  await joining;
  return socket;
}

describe('ChatClient: connecting and joining', () => {
  it('says connecting, then connected once the key exchange is done', async () => {
    start();
    await client.connect();
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(room.sockets).toHaveLength(1);
  });

  it('joins with a name, keeps the token, and can say how to take the name back', async () => {
    start();
    await joinAsAlice();
    expect(client.name).toBe('alice');
    expect(client.users).toEqual(['alice', 'bob']);
    expect(client.resumeState()).toEqual({ name: 'alice', token: 'token-alice', nextCid: 1 });
  });

  it('closes for good when the person does not trust the room key, and never retries', async () => {
    start({ verifyRoom: () => false });
    await expect(client.connect()).rejects.toMatchObject({ reason: 'fingerprint' });
    expect(client.status).toBe('ended');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(room.sockets).toHaveLength(1);
  });
});

describe('ChatClient: reconnecting', () => {
  it('waits out the backoff after a drop, then opens a new socket', async () => {
    start();
    const first = await joinAsAlice();
    first.drop(1006);
    expect(client.status).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(249);
    expect(room.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(room.sockets).toHaveLength(2);
  });

  it('waits longer after each failed attempt, says offline after the fifth, and retries at once when asked', async () => {
    start();
    room.refusing = true;
    await expect(client.connect()).rejects.toMatchObject({ reason: 'closed' });
    for (const delay of [250, 500, 1000, 2000]) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      const opened = room.sockets.length;
      await vi.advanceTimersByTimeAsync(1);
      expect(room.sockets).toHaveLength(opened + 1);
    }
    await statusBecomes('offline');
    expect(statuses).toEqual(['connecting', 'reconnecting', 'offline']);

    room.refusing = false;
    client.retryNow();
    await statusBecomes('connected');
    expect(room.sockets).toHaveLength(6);
  });

  it('reconnects when the room closes a socket it found stale', async () => {
    start();
    const first = await joinAsAlice();
    first.drop(CLOSE_CODES.stale, 'stale');
    await vi.advanceTimersByTimeAsync(250);
    const second = await room.socket(1);
    expect(await second.expect('join')).toMatchObject({ name: 'alice', resume: 'token-alice' });
  });

  it('stops for good, saying why, when a newer connection took the name over', async () => {
    start();
    const errors: RoomError[] = [];
    client.on('error', (error) => errors.push(error));
    const first = await joinAsAlice();
    first.drop(CLOSE_CODES.replaced, 'replaced');
    expect(client.status).toBe('ended');
    expect(errors.map((e) => e.message)).toEqual([
      'This name was taken over by a newer connection (another tab?).',
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(room.sockets).toHaveLength(1);
  });
});

describe('ChatClient: resuming', () => {
  it('takes its name back with the token, asking only for messages after the newest it has', async () => {
    start();
    const first = await joinAsAlice();
    const heard = client.once('message');
    await first.deliver({
      type: 'history',
      messages: [{ type: 'msg', id: 7, from: 'bob', text: 'hi', ts: 0, at: 0 }],
      more: false,
    });
    await first.deliver({ type: 'msg', id: 9, from: 'bob', text: 'again', ts: 0, at: 0 });
    await heard;
    first.drop(1006);
    await vi.advanceTimersByTimeAsync(250);

    const second = await room.socket(1);
    expect(await second.expect('join')).toEqual({
      type: 'join',
      name: 'alice',
      resume: 'token-alice',
      since: 9,
    });
    const rejoined = client.once('joined');
    await second.deliver(joined('alice', true));
    expect(await rejoined).toMatchObject({ name: 'alice', resumed: true });
    expect(client.status).toBe('connected');
  });

  it('resends what it queued while away, and what the room had not confirmed, after the resumed join', async () => {
    start();
    const first = await joinAsAlice();
    client.sendPublic('unconfirmed');
    expect(await first.expect('msg')).toMatchObject({ cid: 1, text: 'unconfirmed' });
    first.drop(1006);
    client.sendPrivate('bob', 'while away');
    expect(client.queue.size).toBe(2);

    await vi.advanceTimersByTimeAsync(250);
    const second = await room.socket(1);
    await second.expect('join');
    const rejoined = client.once('joined');
    await second.deliver(joined('alice', true));
    await rejoined;
    expect(await second.expect('msg')).toMatchObject({ cid: 1, text: 'unconfirmed' });
    expect(await second.expect('pm')).toMatchObject({ cid: 2, to: 'bob', text: 'while away' });
  });

  it('takes the name back after a reload from the saved state, numbering on from it', async () => {
    start({ resume: { name: 'alice', token: 'saved', nextCid: 40 } });
    void client.connect();
    const socket = await room.socket(0);
    expect(await socket.expect('join')).toEqual({ type: 'join', name: 'alice', resume: 'saved' });
    const rejoined = client.once('joined');
    await socket.deliver(joined('alice', true));
    await rejoined;
    expect(client.sendPublic('after the reload').cid).toBe(40);
  });

  it('gives the name up, saying so, when someone else took it while it was away', async () => {
    start({ resume: { name: 'alice', token: 'expired', nextCid: 1 } });
    const lost = client.once('nameLost');
    void client.connect();
    const socket = await room.socket(0);
    await socket.expect('join');
    await socket.deliver({ type: 'error', code: 'name_taken', message: 'That name is taken.' });
    expect(await lost).toBe('alice');
    expect(client.resumeState()).toBeNull();
    expect(client.status).toBe('connected');
  });
});

describe('ChatClient: the heartbeat', () => {
  it('keeps a socket that answers its pings', async () => {
    start({ heartbeatMs: 1000 });
    const socket = await joinAsAlice();
    for (let beat = 0; beat < 10; beat++) {
      await vi.advanceTimersByTimeAsync(1000);
      socket.pong();
    }
    expect(socket.pings).toBe(10);
    expect(socket.closedBy).toBeNull();
    expect(client.status).toBe('connected');
  });

  it('drops a socket that went quiet for three beats as stale, and reconnects', async () => {
    start({ heartbeatMs: 1000 });
    const first = await joinAsAlice();
    await vi.advanceTimersByTimeAsync(3000);
    expect(first.closedBy).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.closedBy).toEqual({ code: CLOSE_CODES.stale, reason: 'heartbeat lost' });
    expect(client.status).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(250);
    const second = await room.socket(1);
    expect(await second.expect('join')).toMatchObject({ resume: 'token-alice' });
  });

  it('drops the socket at once when the browser says the network is gone', async () => {
    start();
    const first = await joinAsAlice();
    client.networkLost();
    expect(first.closedBy?.code).toBe(CLOSE_CODES.stale);
    expect(client.status).toBe('reconnecting');
    client.retryNow();
    expect(await (await room.socket(1)).expect('join')).toMatchObject({ resume: 'token-alice' });
  });
});
