// Admission control: a socket must finish the key exchange within 10 s and join within 60 s of
// connecting (closed with 4010 when the alarm, armed for the exact deadline, finds it late); the room
// takes at most MAX_MEMBERS sockets (the test config sets 60; 503), MAX_SOCKETS_PER_IP from one
// CF-Connecting-IP (20; 429) and MAX_PENDING_HANDSHAKES still in the key exchange (the test config
// sets 30; 503), all answered with Retry-After. Time is moved by faking Date in the test isolate,
// which the room shares.

import { runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import { HANDSHAKE_DEADLINE_MS, JOIN_DEADLINE_MS } from '#protocol/limits';
import { DEFAULT_MAX_SOCKETS_PER_IP } from '../../worker/room/admission/admission-settings';
import type { ChatRoom } from '../../worker/room/chat-room';
import type { SocketAttachment } from '../../worker/room/socket-attachment';
import { at } from './support/clock';
import {
  asSocketLike,
  closeAll,
  Inbox,
  joinAs,
  ORIGIN,
  openChannel,
  roomStub,
  track,
  uniqueName,
} from './support/room-client';
import { handshake, Wire } from './support/wire';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

const MAX_MEMBERS = 60;
const MAX_PENDING_HANDSHAKES = 30;

function scheduledAlarm(): Promise<number | null> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) => state.storage.getAlarm());
}

/** Asks for a socket, from `ip` when given; the raw answer (101 with a socket, or a refusal). */
function upgrade(ip?: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/ws`, {
    headers: {
      Upgrade: 'websocket',
      Origin: ORIGIN,
      ...(ip === undefined ? {} : { 'CF-Connecting-IP': ip }),
    },
  });
}

function keep(res: Response): WebSocket {
  const ws = res.webSocket;
  if (!ws) throw new Error(`expected a WebSocket, got HTTP ${res.status}`);
  ws.accept();
  return track(ws);
}

/**
 * Finishes the key exchange on an open socket, and waits until the room has handled it: anything
 * but a join then gets not_joined, and frames are handled in order, so the auth frame came first.
 */
async function finishKeyExchange(ws: WebSocket): Promise<void> {
  const channel = await openChannel(asSocketLike(ws));
  const inbox = new Inbox(channel);
  await channel.send({ type: 'typing' });
  await inbox.error('not_joined');
}

/** A socket from `ip` that has finished the key exchange but not joined. */
async function keyed(ip: string): Promise<void> {
  await finishKeyExchange(keep(await upgrade(ip)));
}

/** Open sockets in the room (not closing) that have not finished the key exchange. */
function pendingInRoom(): Promise<number> {
  return runInDurableObject(
    roomStub(),
    (_room: ChatRoom, state) =>
      state
        .getWebSockets()
        .filter(
          (ws) =>
            ws.readyState === WebSocket.OPEN && !(ws.deserializeAttachment() as SocketAttachment).authed,
        ).length,
  );
}

/**
 * Closes every socket still in the key exchange, as its deadline would: earlier tests leave some
 * behind (an upgrade answered 101 that nobody accepted, a close the room has not handled yet).
 */
async function clearPending(): Promise<void> {
  await at(Date.now() + HANDSHAKE_DEADLINE_MS + 1, () => runDurableObjectAlarm(roomStub()));
  await expect.poll(pendingInRoom).toBe(0);
}

/** Opens silent sockets from distinct IPs until the room refuses one; the refusal. */
async function fillPending(sockets: WebSocket[], prefix: string): Promise<Response> {
  for (let i = 0; i <= MAX_PENDING_HANDSHAKES; i++) {
    const res = await upgrade(`${prefix}.${i}`);
    if (res.status !== 101) return res;
    sockets.push(keep(res));
  }
  throw new Error(`${MAX_PENDING_HANDSHAKES + 1} silent sockets were all admitted`);
}

describe('deadlines', () => {
  it('closes a socket that has not finished the key exchange 10 s after it connected, with 4010', async () => {
    const before = Date.now();
    const wire = await Wire.open();
    await wire.hello();
    // The alarm is armed for the deadline itself, not for the next 15 s sweep.
    const alarm = await scheduledAlarm();
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(Date.now() + HANDSHAKE_DEADLINE_MS);

    await at(before + HANDSHAKE_DEADLINE_MS - 1_000, () => runDurableObjectAlarm(roomStub()));
    expect(wire.isOpen).toBe(true);
    await at(Date.now() + HANDSHAKE_DEADLINE_MS + 1, () => runDurableObjectAlarm(roomStub()));
    expect(await wire.closed).toMatchObject({ code: CLOSE_CODES.deadline });
  });

  it('closes a socket that finished the key exchange but has not joined 60 s after it connected', async () => {
    const start = Date.now();
    const channel = await openChannel();
    // Anything but a join gets not_joined: by then the room has the auth frame too.
    const inbox = new Inbox(channel);
    await channel.send({ type: 'typing' });
    await inbox.error('not_joined');
    await at(start + HANDSHAKE_DEADLINE_MS + 1_000, () => runDurableObjectAlarm(roomStub()));
    // Past the handshake deadline the room re-arms for the join deadline.
    const alarm = await scheduledAlarm();
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(Date.now() + JOIN_DEADLINE_MS);
    expect(channel.isOpen).toBe(true);

    await at(Date.now() + JOIN_DEADLINE_MS + 1, () => runDurableObjectAlarm(roomStub()));
    expect(await channel.ended).toMatchObject({ code: CLOSE_CODES.deadline });
  });

  it('leaves a socket that joined in time alone', async () => {
    const member = await joinAs(uniqueName('prompt'));
    await at(Date.now() + JOIN_DEADLINE_MS + 1, async () => {
      // A frame the room has handled at this time, so that the stale-socket sweep has no reason to act either.
      await member.say('still here');
      await runDurableObjectAlarm(roomStub());
    });
    expect(member.channel.isOpen).toBe(true);
  });
});

describe('caps', () => {
  it(`refuses a ${DEFAULT_MAX_SOCKETS_PER_IP + 1}st socket from one IP with 429 and Retry-After, and not another IP's`, async () => {
    const ip = '203.0.113.7';
    const sockets: WebSocket[] = [];
    for (let i = 0; i < DEFAULT_MAX_SOCKETS_PER_IP; i++) sockets.push(keep(await upgrade(ip)));

    const refused = await upgrade(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'too_many_connections' });
    expect(refused.webSocket).toBeNull();

    expect(keep(await upgrade('203.0.113.8'))).toBeDefined();
    // One closes, and its place is free again.
    sockets[0]?.close(1000, 'bye');
    await expect.poll(async () => (await upgrade(ip)).status).toBe(101);
  });

  it('keeps a keyed digest of the IP with each socket, never the IP itself', async () => {
    keep(await upgrade('198.51.100.23'));
    const stored = await runInDurableObject(roomStub(), (_room: ChatRoom, state) =>
      state.getWebSockets().map((ws) => JSON.stringify(ws.deserializeAttachment())),
    );
    expect(stored.some((text) => text.includes('"ip":'))).toBe(true);
    expect(stored.some((text) => text.includes('198.51.100.23'))).toBe(false);
  });

  it('refuses sockets beyond MAX_MEMBERS with 503 and Retry-After, whatever their IP', async () => {
    await clearPending();
    const sockets: WebSocket[] = [];
    let refused: Response | null = null;
    // Sockets from earlier tests may still be open: the room is full at MAX_MEMBERS in all. Each
    // finishes the key exchange, so that MAX_PENDING_HANDSHAKES (lower) is not what refuses.
    for (let i = 0; i <= MAX_MEMBERS && refused === null; i++) {
      const res = await upgrade(`192.0.2.${i}`);
      if (res.status !== 101) {
        refused = res;
        break;
      }
      const ws = keep(res);
      sockets.push(ws);
      await finishKeyExchange(ws);
    }
    expect(refused?.status).toBe(503);
    expect(Number(refused?.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await refused?.json()).toMatchObject({ error: 'room_full' });
    const open = await runInDurableObject(
      roomStub(),
      (_room: ChatRoom, state) => state.getWebSockets().length,
    );
    expect(open).toBe(MAX_MEMBERS);

    sockets[0]?.close(1000, 'bye');
    await expect.poll(async () => (await upgrade('192.0.2.250')).status).toBe(101);
  });
});

describe('key exchanges in progress', () => {
  it('refuses a silent socket past MAX_PENDING_HANDSHAKES with 503 handshake_busy and Retry-After: 10, counting no keyed socket', async () => {
    await clearPending();
    // A member and a keyed socket hold places in the room, none in the key-exchange queue.
    await joinAs(uniqueName('member'));
    await keyed('198.51.100.200');
    // The first waits with its hello queued, so that the test can finish its key exchange later.
    const late = await Wire.open();
    const pending: WebSocket[] = [];

    const refused = await fillPending(pending, '198.18.0');
    expect(pending).toHaveLength(MAX_PENDING_HANDSHAKES - 1);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe(String(HANDSHAKE_DEADLINE_MS / 1000));
    expect(await refused.json()).toMatchObject({ error: 'handshake_busy', message: expect.any(String) });
    expect(refused.webSocket).toBeNull();

    // One finishes its key exchange: its place in the queue is free, and only that one. Anything
    // but a join gets not_joined, and frames are handled in order: the room has the auth frame.
    const session = await handshake(late, await late.hello());
    await session.send({ type: 'typing' });
    expect(await session.receive()).toMatchObject({ type: 'error', code: 'not_joined' });
    expect(keep(await upgrade('198.18.1.1'))).toBeDefined();
    expect((await upgrade('198.18.1.2')).status).toBe(503);
  });

  it('admits silent sockets again once the key-exchange deadline has closed the ones waiting', async () => {
    await clearPending();
    const pending: WebSocket[] = [];
    const firstConnected = Date.now();
    expect((await fillPending(pending, '198.18.2')).status).toBe(503);
    // Not yet: the deadline is 10 s after each one connected, however long filling the queue took.
    await at(firstConnected + HANDSHAKE_DEADLINE_MS - 1_000, () => runDurableObjectAlarm(roomStub()));
    expect((await upgrade('198.18.3.1')).status).toBe(503);

    await at(Date.now() + HANDSHAKE_DEADLINE_MS + 1, () => runDurableObjectAlarm(roomStub()));
    expect(keep(await upgrade('198.18.3.2'))).toBeDefined();
  });
});
