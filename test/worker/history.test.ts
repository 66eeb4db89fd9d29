// Message history from the room's SQLite: newcomers see recent Lobby messages at once, "Load older"
// pages back, a resumed session gets everything it missed exactly once and in order (even a burst
// of 500 while its socket was dead), and private history stays with the session that had it.

import { evictDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HISTORY_FIRST_PAGE, RESERVATION_MS } from '#protocol/limits';
import type { ChatEntry } from '../../client/core/chat-client';
import { must } from '../support/must';
import {
  cid,
  closeAll,
  goOffline,
  joinAll,
  joinAs,
  joinedClient,
  type Member,
  network,
  nextEvent,
  rejoin,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

function whisper(from: Member, to: string, text: string) {
  const id = cid();
  return from.channel
    .send({ type: 'pm', cid: id, to, text, ts: Date.now() })
    .then(() => from.inbox.next('pm', (m) => m.cid === id));
}

describe('a newcomer', () => {
  it('sees the earlier Lobby messages straight away, oldest first, as a history page', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const said = [];
    for (const text of ['first words', 'second words', 'third words']) said.push(await alice.say(text));

    const carol = await joinAs(uniqueName('carol'));
    const page = await carol.inbox.next('history');

    expect(page.before).toBeUndefined();
    const tail = page.messages.slice(-3);
    expect(tail.map((m) => [m.id, m.from, m.text])).toEqual(said.map((m) => [m.id, alice.name, m.text]));
    expect(tail.every((m) => m.type === 'msg' && m.cid === undefined)).toBe(true);
  });

  it('does not see private messages between other people', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await whisper(alice, bob.name, 'just between us');

    const carol = await joinAs(uniqueName('carol'));
    const page = await carol.inbox.next('history');

    expect(page.messages.some((m) => m.type === 'pm' || m.text === 'just between us')).toBe(false);
  });

  it('pages further back with "Load older" until the start of the history', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const sent: number[] = [];
    // Two senders keep each inside the test rate limit (60 frames per burst).
    for (let i = 0; i < 35; i++) {
      sent.push((await alice.say(`older ${i}`)).id);
      sent.push((await bob.say(`older b${i}`)).id);
    }
    const carol = await joinAs(uniqueName('carol'));
    const first = await carol.inbox.next('history');
    expect(first.messages).toHaveLength(HISTORY_FIRST_PAGE);
    expect(first.more).toBe(true);

    const oldest = must(first.messages[0]).id;
    await carol.channel.send({ type: 'history', before: oldest, limit: 20 });
    const older = await carol.inbox.next('history', (p) => p.before === oldest);

    expect(older.messages).toHaveLength(20);
    const ids = older.messages.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(Math.max(...ids)).toBeLessThan(oldest);
    // Every message sent here that the first page left out is on the older page, in order.
    const missing = sent.filter((id) => id < oldest);
    expect(ids.slice(-missing.length)).toEqual(missing);
  });

  it('gets a clear error for a history request with a bad id, and can keep chatting', async () => {
    const carol = await joinAs(uniqueName('carol'));
    await carol.channel.send({ type: 'history', before: -4 } as never);
    await carol.inbox.error('bad_field');
    expect((await carol.say('still here')).text).toBe('still here');
  });
});

describe('a resumed session', () => {
  it('gets all 500 messages of a burst exactly once and in order after its socket is killed mid-burst', async () => {
    const link = network();
    const bob = await joinedClient(uniqueName('bob'), link);
    const received: ChatEntry[] = [];
    bob.on('message', (m) => received.push(m));
    const senders = await Promise.all(Array.from({ length: 10 }, () => joinAs(uniqueName('burst'))));

    const sentIds: number[] = [];
    const burst = (from: number, to: number) =>
      Promise.all(
        senders.map(async (s, n) => {
          for (let i = from; i < to; i++) sentIds.push((await s.say(`burst ${n}-${i}`)).id);
        }),
      );
    await burst(0, 15);
    // Kill the socket mid-burst; new connections wait until the link is back.
    const online = goOffline(link);
    link.blockIncoming = true;
    bob.channel?.close(4002, 'killed');
    await burst(15, 40);
    // Bob queues a message of his own while he is away.
    bob.sendPublic('bob was away');
    link.blockIncoming = false;
    const rejoined = nextEvent(bob, 'joined');
    const ownEcho = nextEvent(bob, 'message', (m) => m.text === 'bob was away');
    online();
    expect((await rejoined).resumed).toBe(true);
    await burst(40, 50);
    const own = await ownEcho;
    // A sender hears its echo before the others get their copy (the room serves it first), so the
    // burst's last copies may still be on their way to bob: a marker sent after them comes after them.
    const marker = nextEvent(bob, 'message', (m) => m.text === 'end of burst');
    await senders[0]?.say('end of burst');
    await marker;

    const burstIds = received.filter((m) => m.text.startsWith('burst ')).map((m) => m.id);
    expect(sentIds).toHaveLength(500);
    expect(burstIds).toEqual([...sentIds].sort((a, b) => a - b));
    expect(new Set(received.map((m) => m.id)).size).toBe(received.length);
    expect(own.cid).toBeDefined();
    for (const s of senders) await s.inbox.next('msg', (m) => m.text === 'bob was away');
  });

  it('gets the private messages sent to it while it was away, and only once', async () => {
    const link = network();
    const bobName = uniqueName('bob');
    const bob = await joinedClient(bobName, link);
    const alice = await joinAs(uniqueName('alice'));
    const got: string[] = [];
    bob.on('message', (m) => {
      if (m.type === 'pm') got.push(m.text);
    });
    const before = nextEvent(bob, 'message', (m) => m.text === 'before the blip');
    await whisper(alice, bobName, 'before the blip');
    await before;

    const online = goOffline(link);
    const back = nextEvent(bob, 'message', (m) => m.text === 'during the blip');
    // The dying socket hears nothing more: only the replay after the resume can bring it.
    link.blockIncoming = true;
    bob.channel?.close(4002, 'killed');
    // While bob is away the room still knows his name, so the whisper is stored for his session.
    await whisper(alice, bobName, 'during the blip');
    link.blockIncoming = false;
    online();
    await back;
    const after = nextEvent(bob, 'message', (m) => m.text === 'after the blip');
    await whisper(alice, bobName, 'after the blip');
    await after;

    expect(got).toEqual(['before the blip', 'during the blip', 'after the blip']);
  });

  it('gets its own private history back after a page reload, but a later owner of the name does not', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await whisper(alice, bob.name, 'for bob only');

    // A reload: same token, no `since` (the page lost its messages).
    bob.channel.close();
    await bob.channel.ended;
    const reloaded = await rejoin(bob);
    const page = await reloaded.inbox.next('history');
    expect(page.messages.filter((m) => m.type === 'pm').map((m) => m.text)).toContain('for bob only');

    reloaded.channel.close();
    await reloaded.channel.ended;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESERVATION_MS + 1_000);
    const stranger = await joinAs(bob.name);
    const strangerPage = await stranger.inbox.next('history');
    vi.useRealTimers();
    expect(strangerPage.messages.some((m) => m.type === 'pm')).toBe(false);
  });
});

describe('after an eviction', () => {
  it('history, search and message ids carry on where they were', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const before = await alice.say('remembered across eviction zebrafish');

    await evictDurableObject(roomStub(), { webSockets: 'close' });

    const carol = await joinAs(uniqueName('carol'));
    const page = await carol.inbox.next('history');
    expect(page.messages.map((m) => m.id)).toContain(before.id);
    await carol.channel.send({ type: 'search', query: 'zebrafish' });
    const results = await carol.inbox.next('search_results');
    expect(results.messages.map((m) => m.id)).toContain(before.id);
    const after = await carol.say('after the eviction');
    expect(after.id).toBeGreaterThan(before.id);
  });
});
