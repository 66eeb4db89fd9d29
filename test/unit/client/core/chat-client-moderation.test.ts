// ChatClient and room owners (client/core/chat-client.ts, close-policy.ts; docs/protocol.md 4.2):
// the owner token goes with the first join and with every resume, owner frames go out as they are,
// and a kick, a ban or a closed room stops the client for good, forgetting the session.

import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import type { ServerMessageOf } from '#protocol/server-messages';
import { ChatClient } from '../../../../client/core/chat-client';
import type { FinalClose } from '../../../../client/core/close-policy';
import { FakeRoom } from './fake-room';

let room: FakeRoom;
let client: ChatClient;

beforeAll(async () => {
  room = await FakeRoom.create();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  room.reset();
  client = new ChatClient({ connect: room.connect, random: () => 0, heartbeatMs: 0 });
  client.ownerToken = 'owner-secret';
});

afterEach(() => {
  client.close();
  vi.useRealTimers();
});

const joined = (name: string): ServerMessageOf<'joined'> => ({
  type: 'joined',
  name,
  token: `token-${name}`,
  users: [name],
  resumed: false,
  at: Date.now(),
  owner: true,
});

async function joinAsAlice() {
  const joining = client.join('alice');
  const socket = await room.socket(0);
  expect(await socket.expect('join')).toEqual({ type: 'join', name: 'alice', owner: 'owner-secret' });
  await socket.deliver(joined('alice'));
  await joining;
  return socket;
}

describe('ChatClient: room owners', () => {
  it('sends the owner token with the join and again with the resume after a reconnect', async () => {
    const first = await joinAsAlice();
    first.drop(CLOSE_CODES.stale, 'stale');
    await vi.advanceTimersByTimeAsync(250);
    const second = await room.socket(1);
    expect(await second.expect('join')).toMatchObject({ resume: 'token-alice', owner: 'owner-secret' });
  });

  it('sends an owner frame as it is while connected, and refuses it offline', async () => {
    const socket = await joinAsAlice();
    expect(client.sendOwner({ type: 'mute', name: 'bob', minutes: 10, reason: 'spam' })).toBe(true);
    expect(await socket.expect('mute')).toEqual({ type: 'mute', name: 'bob', minutes: 10, reason: 'spam' });
    client.close();
    expect(client.sendOwner({ type: 'kick', name: 'bob' })).toBe(false);
  });

  for (const [code, why] of [
    [CLOSE_CODES.kicked, 'kicked'],
    [CLOSE_CODES.banned, 'banned'],
    [CLOSE_CODES.room_closed, 'room_closed'],
  ] as const) {
    it(`stops without reconnecting and forgets the session when closed with ${code} (${why})`, async () => {
      const ended: FinalClose[] = [];
      client.on('ended', (reason) => ended.push(reason));
      const socket = await joinAsAlice();
      socket.drop(code, why);
      await vi.advanceTimersByTimeAsync(0);
      expect(ended).toEqual([why]);
      expect(client.status).toBe('ended');
      expect(client.resumeState()).toBeNull();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(room.sockets).toHaveLength(1);
    });
  }
});
