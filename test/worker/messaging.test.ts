// Public and private messages between several real clients: who receives what, the room's
// timestamps, the sender's echo, and the checks on text and clock.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_CLOCK_SKEW_MS, MAX_MESSAGE_CHARS, RESERVATION_MS } from '#protocol/limits';
import { cid, closeAll, Inbox, joinAll, joinAs, openChannel, uniqueName } from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

const encoder = new TextEncoder();

describe('public messages', () => {
  // The room flushes with no timer (worker/room/flush-scheduler.ts): a burst into an idle room may
  // go out a frame per message; what arrives during a flush is batched (test/worker/outbox-send-order.test.ts).
  it('arrive complete and in order during a burst, never in more frames than messages', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    let frames = 0;
    bob.channel.socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') frames++;
    });
    const texts = Array.from({ length: 40 }, (_, i) => `burst ${i}`);
    await Promise.all(
      texts.map((text) => alice.channel.send({ type: 'msg', cid: cid(), text, ts: Date.now() })),
    );

    const received: string[] = [];
    for (const _ of texts) received.push((await bob.inbox.next('msg')).text);
    expect(received).toEqual(texts);
    expect(frames).toBeLessThanOrEqual(texts.length);
  });

  it("reach every joined user, stamped with the room's time", async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const before = Date.now();
    const sentAt = before - 60_000; // the sender's clock runs a minute slow
    const id = cid();
    await alice.channel.send({ type: 'msg', cid: id, text: 'hello everyone', ts: sentAt });

    const [atBob, atCarol, echo] = await Promise.all([
      bob.inbox.next('msg'),
      carol.inbox.next('msg'),
      alice.inbox.next('msg'),
    ]);
    const after = Date.now();
    for (const got of [atBob, atCarol, echo]) {
      expect(got).toMatchObject({ from: alice.name, text: 'hello everyone', ts: sentAt });
      expect(got.at).toBeGreaterThanOrEqual(before);
      expect(got.at).toBeLessThanOrEqual(after);
    }
    expect(atBob.id).toBe(echo.id);
    expect(atCarol.id).toBe(echo.id);
  });

  it("carry the sender's client id on the sender's echo only", async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const id = cid();
    await alice.channel.send({ type: 'msg', cid: id, text: 'receipt please', ts: Date.now() });
    expect((await alice.inbox.next('msg')).cid).toBe(id);
    expect((await bob.inbox.next('msg')).cid).toBeUndefined();
  });

  it('keep emoji and other Unicode text byte for byte', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const text =
      '👩‍👩‍👧‍👦 family, 🇳🇴 flag, é vs e\u0301, 中文, العربية, \u200b zero-width, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, <img src=x onerror=alert(1)>, \\"quotes\\"';
    await alice.channel.send({ type: 'msg', cid: cid(), text, ts: Date.now() });
    const got = await bob.inbox.next('msg');
    expect(encoder.encode(got.text)).toEqual(encoder.encode(text));
  });

  it('of exactly 4,000 characters are accepted, counted as characters and not UTF-16 units', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const text = '😀'.repeat(MAX_MESSAGE_CHARS); // 8,000 UTF-16 units
    const echo = await alice.say(text);
    expect(echo.text).toBe(text);
  });
});

describe('private messages', () => {
  it('reach only the recipient, plus the sender’s echo', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const id = cid();
    await alice.channel.send({ type: 'pm', cid: id, to: bob.name, text: 'just for you', ts: Date.now() });

    const atBob = await bob.inbox.next('pm');
    expect(atBob).toMatchObject({ from: alice.name, to: bob.name, text: 'just for you' });
    expect(atBob.cid).toBeUndefined();
    const echo = await alice.inbox.next('pm');
    expect(echo).toMatchObject({ from: alice.name, to: bob.name, text: 'just for you', cid: id });

    // Carol got nothing: the first chat message she receives is the public one sent after it.
    await alice.say('now for everyone');
    const first = await carol.inbox.nextChat();
    expect(first).toMatchObject({ type: 'msg', text: 'now for everyone' });
    expect(carol.inbox.log.some((m) => m.type === 'pm')).toBe(false);
  });

  it('find the recipient without regard to case, and name them as they joined', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('BobCase'));
    await alice.channel.send({
      type: 'pm',
      cid: cid(),
      to: bob.name.toLowerCase(),
      text: 'hi',
      ts: Date.now(),
    });
    expect(await bob.inbox.next('pm')).toMatchObject({ to: bob.name, text: 'hi' });
  });

  it('to a user who never joined get unknown_user', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const id = cid();
    await alice.channel.send({ type: 'pm', cid: id, to: 'nobody_here', text: 'hello?', ts: Date.now() });
    expect(await alice.inbox.error('unknown_user')).toMatchObject({ cid: id });
  });

  it('to a user who has left wait for their return, and get unknown_user once their name has lapsed', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    bob.channel.close();
    await alice.inbox.presence(`leave:${bob.name}:left`);
    // Within the reservation bob may be reloading or reconnecting: the whisper is kept for him.
    const kept = cid();
    await alice.channel.send({ type: 'pm', cid: kept, to: bob.name, text: 'still there?', ts: Date.now() });
    expect(await alice.inbox.next('pm', (m) => m.cid === kept)).toMatchObject({ to: bob.name });

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESERVATION_MS + 1_000);
    const id = cid();
    await alice.channel.send({ type: 'pm', cid: id, to: bob.name, text: 'hello?', ts: Date.now() });
    expect(await alice.inbox.error('unknown_user')).toMatchObject({ cid: id });
  });

  it('to yourself get self_message, and nothing is delivered', async () => {
    const alice = await joinAs(uniqueName('alice'));
    const id = cid();
    await alice.channel.send({
      type: 'pm',
      cid: id,
      to: alice.name.toUpperCase(),
      text: 'me?',
      ts: Date.now(),
    });
    expect(await alice.inbox.error('self_message')).toMatchObject({ cid: id });
    expect(alice.inbox.messages.filter((m) => m.type === 'pm')).toEqual([]);
  });

  it('to a name that is not even a valid username get unknown_user', async () => {
    const alice = await joinAs(uniqueName('alice'));
    await alice.channel.send({ type: 'pm', cid: cid(), to: '<script>', text: 'x', ts: Date.now() });
    await alice.inbox.error('unknown_user');
  });
});

describe('message checks', () => {
  it('refuse a message over 4,000 characters with message_too_long, and the connection survives', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const id = cid();
    await alice.channel.send({
      type: 'msg',
      cid: id,
      text: 'x'.repeat(MAX_MESSAGE_CHARS + 1),
      ts: Date.now(),
    });
    expect(await alice.inbox.error('message_too_long')).toMatchObject({ cid: id });
    await alice.say('a short one');
    expect((await bob.inbox.next('msg')).text).toBe('a short one');
  });

  it('refuse an empty or blank message with message_empty', async () => {
    const alice = await joinAs(uniqueName('alice'));
    for (const text of ['', '   ', '\n\t']) {
      const id = cid();
      await alice.channel.send({ type: 'msg', cid: id, text, ts: Date.now() });
      expect(await alice.inbox.error('message_empty')).toMatchObject({ cid: id });
    }
    await alice.say('not empty');
  });

  it('refuse a message whose clock is more than five minutes off with clock_skew', async () => {
    const alice = await joinAs(uniqueName('alice'));
    for (const offset of [MAX_CLOCK_SKEW_MS + 10_000, -(MAX_CLOCK_SKEW_MS + 10_000)]) {
      const id = cid();
      await alice.channel.send({ type: 'msg', cid: id, text: 'when am I?', ts: Date.now() + offset });
      expect(await alice.inbox.error('clock_skew')).toMatchObject({ cid: id });
    }
    const id = cid();
    await alice.channel.send({ type: 'pm', cid: id, to: alice.name, text: 'x', ts: 0 });
    expect(await alice.inbox.error('clock_skew')).toMatchObject({ cid: id });
    await alice.say('on time');
  });

  it('refuse a message before the sender has joined with not_joined', async () => {
    const channel = await openChannel();
    const inbox = new Inbox(channel);
    const id = cid();
    await channel.send({ type: 'msg', cid: id, text: 'who am I?', ts: Date.now() });
    expect(await inbox.error('not_joined')).toMatchObject({ cid: id });
    await channel.send({ type: 'pm', cid: cid(), to: 'anyone', text: 'psst', ts: Date.now() });
    await inbox.error('not_joined');
    await channel.send({ type: 'join', name: uniqueName('late') });
    await inbox.next('joined');
  });
});
