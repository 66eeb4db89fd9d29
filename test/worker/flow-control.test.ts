// Outbound flow control (worker/room/outbox.ts, socket-flow.ts): a client that stops reading (here,
// one that stops acknowledging) gets at most a window of heavy answers, is closed with 4009 past its
// cap or after the ack timeout, and loses nothing: a resume with `since` replays everything, once,
// in pages of at most FLOW_PAGE_BYTES. Limits: the wrangler.toml defaults, with the ack timeout
// shortened in vitest.config.ts.

import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAME_OVERHEAD } from '#crypto/frame-codec';
import { CLOSE_CODES } from '#protocol/errors';
import { encodeFlowAck, FLOW_ACK_KIND, FLOW_ACK_PAYLOAD_BYTES } from '#protocol/flow-ack-codec';
import { nameKey } from '#protocol/username';
import { configOf } from '../../worker/config';
import type { ChatRoom } from '../../worker/room/chat-room';
import { flowLimits } from '../../worker/room/flow-limits';
import {
  closeAll,
  Inbox,
  joinAs,
  type Member,
  openChannel,
  openSocket,
  recordingSocket,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

const limits = flowLimits(configOf(env));
/** The largest frame the room may send: a page of JSON, sealed. */
const MAX_FRAME = limits.pageBytes + FRAME_OVERHEAD;

/** 3,990 two-byte characters: about 8 KB of UTF-8 per message (the limit is 4,000 characters). */
const BIG = 'é'.repeat(3990);

function frameSizes(received: (string | Uint8Array)[]): number[] {
  return received.flatMap((f) => (typeof f === 'string' ? [] : [f.byteLength]));
}

/** The session that owns `name`'s private history, read from the room. */
function sessionOf(name: string): Promise<string> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => {
    const session = room.members.get(nameKey(name))?.att.session;
    if (!session) throw new Error(`${name} has no session`);
    return session;
  });
}

/** Stores `count` large private messages to `to` directly (as many frames would take minutes). */
function storePrivate(to: { name: string; session: string }, count: number): Promise<number[]> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => {
    const ids: number[] = [];
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      ids.push(
        room.messages.add(
          {
            from: 'sender',
            fromSession: 'sender-session',
            to,
            cid: i,
            body: { text: `${i} ${BIG}` },
            ts: now,
            at: now,
          },
          now,
        ),
      );
    }
    return ids;
  });
}

/** Rejoins `member`'s name on a recorded socket with `since`, optionally without acknowledging. */
async function resume(member: Member, since: number, pauseAcks = false) {
  const recorded = recordingSocket(await openSocket());
  const channel = await openChannel(recorded.socket);
  channel.pauseAcks = pauseAcks;
  const inbox = new Inbox(channel);
  await channel.send({ type: 'join', name: member.name, resume: member.joined.token, since });
  const joined = await inbox.next('joined');
  return { channel, inbox, joined, received: recorded.received };
}

describe('a client that stops acknowledging', () => {
  it('gets history pages only up to the window, then is closed with 4009 at its cap, and a resume loses nothing', async () => {
    const alice = await joinAs(uniqueName('alice'));
    for (let i = 0; i < 40; i++) await alice.say(`${i} ${BIG}`);
    const recorded = recordingSocket(await openSocket());
    const channel = await openChannel(recorded.socket);
    const bob = new Inbox(channel);
    await channel.send({ type: 'join', name: uniqueName('bob') });
    const joined = await bob.next('joined');
    const first = await bob.next('history');
    channel.pauseAcks = true;
    for (let i = 0; i < 25; i++) {
      await channel.send({ type: 'history', before: Number.MAX_SAFE_INTEGER });
    }
    const closed = await channel.ended;
    expect(closed.code).toBe(CLOSE_CODES.slow_consumer);
    const sizes = frameSizes(recorded.received);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_FRAME);
    // What the room sent and was never acknowledged: at most the window plus one page.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(limits.windowBytes + MAX_FRAME * 2);
    const pages = bob.log.filter((m) => m.type === 'history').length;
    expect(pages).toBeLessThan(25);

    // Meanwhile the room went on; the resume replays what bob missed, exactly once and in order.
    const since = Math.max(...first.messages.map((m) => m.id));
    const missed = [(await alice.say('after the close')).id];
    const member: Member = { name: joined.name, channel, inbox: bob, joined, say: alice.say };
    const again = await resume(member, since);
    await again.inbox.next('msg', (m) => m.id === missed[0]);
    const replayed = again.inbox.log.flatMap((m) => (m.type === 'msg' ? [m.id] : []));
    expect(replayed).toEqual(missed);
  });

  it('is closed with 4009 when it acknowledges nothing for the ack timeout while data is outstanding', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const bob = await joinAs(uniqueName('bob'));
    bob.channel.pauseAcks = true;
    await alice.say('one');
    await bob.inbox.next('msg');
    const start = Date.now();
    // The ack timeout is a time; nothing to await but the clock.
    await new Promise((resolve) => setTimeout(resolve, limits.ackTimeoutMs + 200));
    await runDurableObjectAlarm(roomStub());
    const closed = await bob.channel.ended;
    expect(closed.code).toBe(CLOSE_CODES.slow_consumer);
    expect(Date.now() - start).toBeGreaterThanOrEqual(limits.ackTimeoutMs);
  });

  it('stays open when it keeps acknowledging, however long the exchange', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const bob = await joinAs(uniqueName('bob'));
    for (let i = 0; i < 3; i++) {
      await alice.say(`${i}`);
      await bob.inbox.next('msg');
    }
    await new Promise((resolve) => setTimeout(resolve, limits.ackTimeoutMs + 200));
    await runDurableObjectAlarm(roomStub());
    await alice.say('still here');
    expect((await bob.inbox.next('msg', (m) => m.text === 'still here')).text).toBe('still here');
  });
});

describe('a resume with since: 0 over thousands of large private messages', () => {
  it('arrives in frames of at most a page, never more than the window plus a page outstanding, exactly once and in order', async () => {
    const bob = await joinAs(uniqueName('bob'));
    const session = await sessionOf(bob.name);
    const ids = await storePrivate({ name: bob.name, session }, 2000);
    bob.channel.close();
    await bob.channel.ended;

    // Without acknowledgements, the replay stops at the window and the ack timeout closes it.
    const stalled = await resume(bob, 0, true);
    await new Promise((resolve) => setTimeout(resolve, limits.ackTimeoutMs + 200));
    await runDurableObjectAlarm(roomStub());
    expect((await stalled.channel.ended).code).toBe(CLOSE_CODES.slow_consumer);
    const stalledBytes = frameSizes(stalled.received).reduce((a, b) => a + b, 0);
    expect(stalledBytes).toBeLessThanOrEqual(limits.windowBytes + 2 * MAX_FRAME);
    expect(stalled.inbox.log.filter((m) => m.type === 'pm').length).toBeLessThan(ids.length);

    // With them, everything comes, once and in order, in frames of at most a page.
    const member: Member = { ...bob, joined: stalled.joined };
    const full = await resume(member, 0);
    const last = ids[ids.length - 1];
    await full.inbox.next('pm', (m) => m.id === last);
    const replayed = full.inbox.log.flatMap((m) => (m.type === 'pm' ? [m.id] : []));
    expect(replayed).toEqual(ids);
    expect(Math.max(...frameSizes(full.received))).toBeLessThanOrEqual(MAX_FRAME);
  }, 60_000);
});

describe('flow acknowledgements', () => {
  it('are refused with bad_ack when they count more bytes than the room sent', async () => {
    const bob = await joinAs(uniqueName('bob'));
    const { hi, bytes } = bob.channel.received;
    await bob.channel.sendPlaintext(encodeFlowAck({ hi, bytes: bytes + 1_000_000 }));
    await bob.inbox.error('bad_ack');
  });

  it('are rate limited when they do not advance', async () => {
    const bob = await joinAs(uniqueName('bob'));
    bob.channel.pauseAcks = true;
    const { hi } = bob.channel.received;
    const stale = encodeFlowAck({ hi, bytes: 0 });
    // All at once: sent one by one on a loaded machine, the bucket might refill between them.
    await Promise.all(Array.from({ length: 300 }, () => bob.channel.sendPlaintext(stale)));
    await bob.inbox.error('rate_limited');
  });

  it('are refused with bad_field, naming the flow ack, at every length but the one the codec defines', async () => {
    const bob = await joinAs(uniqueName('bob'));
    bob.channel.pauseAcks = true;
    const { hi, bytes } = bob.channel.received;
    const good = encodeFlowAck({ hi, bytes });
    const lengths = [1, 2, 5, 9, 12, 14, 16, 64];
    for (const length of lengths) {
      const payload = new Uint8Array(length);
      payload.set(good.subarray(0, Math.min(length, FLOW_ACK_PAYLOAD_BYTES)));
      payload[0] = FLOW_ACK_KIND;
      await bob.channel.sendPlaintext(payload as typeof good);
      const error = await bob.inbox.error('bad_field');
      expect(error.message).toContain('flow ack');
    }
    // The socket is still open, and a well-formed ack is still taken (no error follows it).
    bob.channel.resumeAcks();
    await bob.channel.send({ type: 'msg', cid: 1, text: 'still here', ts: Date.now() });
    await bob.inbox.next('msg', (m) => m.text === 'still here');
    expect(bob.inbox.log.filter((m) => m.type === 'error')).toHaveLength(lengths.length);
  });

  it('are not JSON: a {type: "flow"} frame is an unknown type', async () => {
    const bob = await joinAs(uniqueName('bob'));
    const { hi, bytes } = bob.channel.received;
    const json = new TextEncoder().encode(JSON.stringify({ type: 'flow', hi, bytes }));
    await bob.channel.sendPlaintext(json);
    await bob.inbox.error('unknown_type');
  });
});
