// Healing after a lost connection, with the real ChatClient: it reconnects by itself, repeats the
// key exchange, takes its name back with the resume token, and delivers what it queued exactly
// once. Also the stale-socket sweep, which removes sockets whose heartbeat stopped.

import { evictDurableObject, runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import { HEARTBEAT_PING, PREVIOUS_TOKEN_GRACE_MS, RESERVATION_MS, STALE_AFTER_MS } from '#protocol/limits';
import type { ChatClient } from '../../client/core/chat-client';
import { must } from '../support/must';
import {
  chatClient,
  closeAll,
  goOffline,
  Inbox,
  joinAs,
  joinedClient,
  network,
  nextEvent,
  openChannel,
  rejoin,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

/** The room drops every socket at once, as in a restart: no close handshake, no leave. */
function dropAllSockets(): Promise<void> {
  return evictDurableObject(roomStub(), { webSockets: 'close' });
}

/** Every chat message `client` receives, as "from: text". */
function transcript(client: ChatClient): string[] {
  const lines: string[] = [];
  client.on('message', (m) => lines.push(`${m.from}: ${m.text}`));
  return lines;
}

async function tryToTake(name: string): Promise<string> {
  return tryToResume(name, undefined);
}

/** Joins as `name` with resume token `token` (none: a plain join); 'joined' or the refusal's code. */
async function tryToResume(name: string, token: string | undefined): Promise<string> {
  const channel = await openChannel();
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name, ...(token === undefined ? {} : { resume: token }) });
  const reply = await inbox.nextJoinReply();
  return reply.type === 'joined' ? 'joined' : reply.code;
}

describe('after the room drops the socket', () => {
  it('the client reconnects by itself, repeats the handshake and gets its name back', async () => {
    const name = uniqueName('blip');
    const client = await joinedClient(name);
    const firstChannel = client.channel;
    const hellos: unknown[] = [];
    client.on('hello', (hello) => hellos.push(hello));
    const rejoined = nextEvent(client, 'joined');

    await dropAllSockets();

    const joined = await rejoined;
    expect(joined).toMatchObject({ name, resumed: true });
    expect(hellos).toHaveLength(1);
    expect(client.channel).not.toBe(firstChannel);
    expect(client.status).toBe('connected');
  });

  it('nobody else can take the name while its owner is reconnecting', async () => {
    const name = uniqueName('Owner');
    const owner = await joinedClient(name);
    const rejoined = nextEvent(owner, 'joined');
    await dropAllSockets();
    expect(await tryToTake(name.toLowerCase())).toBe('name_taken');
    expect((await rejoined).resumed).toBe(true);
    expect(await tryToTake(name)).toBe('name_taken');
  });

  it('messages sent while disconnected are queued, then delivered exactly once', async () => {
    const link = network();
    const alice = await joinedClient(uniqueName('alice'), link);
    const bob = await joinedClient(uniqueName('bob'));
    const heard = transcript(bob);

    const online = goOffline(link);
    const bobBack = nextEvent(bob, 'joined');
    const aliceAway = nextEvent(alice, 'status', (s) => s === 'reconnecting');
    await dropAllSockets();
    await Promise.all([aliceAway, bobBack]);

    alice.sendPublic('written offline 1');
    alice.sendPrivate(must(bob.name), 'written offline 2');
    expect(alice.queue.size).toBe(2);

    const aliceBack = nextEvent(alice, 'joined');
    const delivered = nextEvent(bob, 'message', (m) => m.text === 'written offline 2');
    online();
    expect((await aliceBack).resumed).toBe(true);
    await delivered;
    await vi.waitUntil(() => alice.queue.size === 0);

    // A later message marks the end: nothing arrives twice before it.
    const marker = nextEvent(bob, 'message', (m) => m.text === 'marker');
    alice.sendPublic('marker');
    await marker;
    expect(heard).toEqual([
      `${alice.name}: written offline 1`,
      `${alice.name}: written offline 2`,
      `${alice.name}: marker`,
    ]);
  });

  it('a resend the room already delivered is acknowledged, not delivered again', async () => {
    const link = network();
    const alice = await joinedClient(uniqueName('alice'), link);
    const bob = await joinedClient(uniqueName('bob'));
    const heard = transcript(bob);

    // Alice's link dies one way: the room gets her message, but its echo never reaches her.
    link.blockIncoming = true;
    const delivered = nextEvent(bob, 'message', (m) => m.text === 'only once');
    alice.sendPublic('only once');
    await delivered;
    expect(alice.queue.size).toBe(1);

    const online = goOffline(link);
    const bobBack = nextEvent(bob, 'joined');
    await dropAllSockets();
    await bobBack;
    link.blockIncoming = false;
    const aliceBack = nextEvent(alice, 'joined');
    online();
    await aliceBack;
    // The resend is settled by the room's ack.
    await vi.waitUntil(() => alice.queue.size === 0);

    const marker = nextEvent(bob, 'message', (m) => m.text === 'marker');
    alice.sendPublic('marker');
    await marker;
    expect(heard).toEqual([`${alice.name}: only once`, `${alice.name}: marker`]);
  });
});

describe('the name reservation', () => {
  it('keeps the name of a user who left for their resume token, and no one else', async () => {
    const name = uniqueName('Leaver');
    const leaver = await joinedClient(name);
    const watcher = await joinAs(uniqueName('watch'));
    const state = must(leaver.resumeState());
    leaver.close();
    await watcher.inbox.presence(`leave:${name}:left`);

    expect(await tryToTake(name)).toBe('name_taken');
    expect(await tryToTake(name.toUpperCase())).toBe('name_taken');

    const returning = chatClient({ resume: state });
    const joined = nextEvent(returning, 'joined');
    await returning.connect();
    expect(await joined).toMatchObject({ name, resumed: true });
  });

  it('gives the name back to a client that never received its newer token, and not for a token it replaced', async () => {
    const first = await joinAs(uniqueName('blip'));
    first.channel.close();
    // The room takes the name back and rotates the token, but the answer is lost on the way (a
    // second blip, or a reload at that moment): the client still holds the token it used.
    const second = await rejoin(first);
    second.channel.close();
    const third = await rejoin(first);
    expect(third.joined.resumed).toBe(true);

    // Once the client resumes with a newer token, the older ones are spent.
    third.channel.close();
    await rejoin({ ...first, joined: third.joined });
    expect(await tryToResume(first.name, first.joined.token)).toBe('name_taken');
  });

  it('stops taking the previous token two minutes after the newer one was issued, even while its owner is online', async () => {
    const first = await joinAs(uniqueName('rotate'));
    first.channel.close();
    // The resume issues a newer token; the one used stays good for a while, for a client that lost the answer.
    const t0 = Date.now();
    const second = await rejoin(first);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(t0 + PREVIOUS_TOKEN_GRACE_MS + 1_000);
      expect(await tryToResume(first.name, first.joined.token)).toBe('name_taken');
    } finally {
      vi.useRealTimers();
    }
    // The newer one still works.
    second.channel.close();
    expect((await rejoin({ ...first, joined: second.joined })).joined.resumed).toBe(true);
  });

  it('frees the name after two minutes, and the old owner is told it lost the name', async () => {
    const name = uniqueName('gone');
    const leaver = await joinedClient(name);
    const watcher = await joinAs(uniqueName('watch'));
    const state = must(leaver.resumeState());
    leaver.close();
    await watcher.inbox.presence(`leave:${name}:left`);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESERVATION_MS + 1_000);
    expect(await tryToTake(name)).toBe('joined');
    vi.useRealTimers();

    const returning = chatClient({ resume: state });
    const lost = nextEvent(returning, 'nameLost');
    await returning.connect();
    expect(await lost).toBe(name);
  });
  it("does not hand the old owner's message ids to the next person who takes the name", async () => {
    const name = uniqueName('reused');
    const first = await joinAs(name);
    // The first owner got far: the room has handled their message 5,000.
    await first.channel.send({ type: 'msg', cid: 5_000, text: 'from the first owner', ts: Date.now() });
    await first.inbox.next('msg', (m) => m.cid === 5_000);
    first.channel.close();
    await first.channel.ended;

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESERVATION_MS + 1_000);
    const second = await joinedClient(name);
    vi.useRealTimers();
    const own = transcript(second);

    // The new owner's ids start at 1; after a blip they must not look like resends.
    const rejoined = nextEvent(second, 'joined');
    await dropAllSockets();
    expect((await rejoined).resumed).toBe(true);
    // Settled either by its echo or, wrongly, by an ack for a message the room never delivered.
    const settled = Promise.race([
      nextEvent(second, 'message').then(() => 'echo'),
      nextEvent(second, 'acked').then(() => 'ack'),
    ]);
    second.sendPublic('from the second owner');
    expect(await settled).toBe('echo');
    expect(own).toEqual([`${name}: from the second owner`]);
  });
});

describe('the stale-socket sweep', () => {
  it('removes a socket whose heartbeat stopped, and keeps one that still sends heartbeats', async () => {
    // Both finish the key exchange now, but their last frame (the join) is stamped 60 s ago.
    const silent = await openChannel();
    const beating = await openChannel();
    const silentInbox = new Inbox(silent);
    const beatingInbox = new Inbox(beating);
    const silentName = uniqueName('silent');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - STALE_AFTER_MS - 60_000);
    await silent.send({ type: 'join', name: silentName });
    await beating.send({ type: 'join', name: uniqueName('beating') });
    await Promise.all([silentInbox.next('joined'), beatingInbox.next('joined')]);
    vi.useRealTimers();

    // Only one of them sends a heartbeat, which the runtime answers without waking the room.
    const pong = new Promise((resolve) => beating.on('pong', resolve));
    beating.sendRaw(HEARTBEAT_PING);
    await pong;

    // The joins set the alarm in the faked past, so the runtime may be running it already: then it
    // sweeps with the real clock now, and runDurableObjectAlarm finds nothing to run. Either way a
    // sweep runs with the real clock.
    await runDurableObjectAlarm(roomStub());

    expect((await silent.ended).code).toBe(CLOSE_CODES.stale);
    await beatingInbox.presence(`leave:${silentName}:timeout`);
    const id = 1_000_000;
    await beating.send({ type: 'msg', cid: id, text: 'still alive', ts: Date.now() });
    expect((await beatingInbox.next('msg', (m) => m.cid === id)).text).toBe('still alive');
  });

  it('schedules the next sweep while anyone is connected', async () => {
    await joinAs(uniqueName('stay'));
    await runDurableObjectAlarm(roomStub());
    expect(await runDurableObjectAlarm(roomStub())).toBe(true);
  });
});
