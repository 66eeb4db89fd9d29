// The room forgets everything in memory when it is evicted (evictDurableObject hibernates the
// sockets by default); connected clients must not notice. Each test proves the eviction really
// happened by checking that the DO instance after it is a new one.

import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_ACK_DELAY_MS } from '#protocol/flow-ack-codec';
import { nameKey } from '#protocol/username';
import type { ChatRoom } from '../../worker/room/chat-room';
import {
  cid,
  closeAll,
  Inbox,
  joinAll,
  joinAs,
  openChannel,
  roomStub,
  uniqueName,
} from './support/room-client';
import { Wire } from './support/wire';

afterEach(closeAll);

/** Hibernates the room's sockets and drops its instance, then checks a new instance took over. */
async function evict(): Promise<void> {
  const stub = roomStub();
  const before = await runInDurableObject(stub, (instance) => instance);
  await evictDurableObject(stub);
  const after = await runInDurableObject(stub, (instance) => instance);
  expect(after).not.toBe(before);
}

describe('after the room is evicted', () => {
  it('the same connected clients keep chatting in public, without reconnecting', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    await evict();
    const echo = await alice.say('still here?');
    expect(await bob.inbox.nextChat()).toMatchObject({
      type: 'msg',
      from: alice.name,
      text: 'still here?',
    });
    expect(await carol.inbox.nextChat()).toMatchObject({ id: echo.id });
  });

  it('the same connected clients keep chatting in private', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    await evict();
    await bob.channel.send({ type: 'pm', cid: cid(), to: alice.name, text: 'psst', ts: Date.now() });
    expect(await alice.inbox.nextChat()).toMatchObject({ type: 'pm', from: bob.name, text: 'psst' });
    expect(await bob.inbox.nextChat()).toMatchObject({ type: 'pm', to: alice.name, text: 'psst' });
    await alice.say('public after the whisper');
    expect(await carol.inbox.nextChat()).toMatchObject({ type: 'msg', text: 'public after the whisper' });
  });

  it('the roster is intact: a newcomer is told about everyone, and everyone about the newcomer', async () => {
    const members = await joinAll(uniqueName('ann'), uniqueName('ben'));
    await evict();
    const newcomer = await joinAs(uniqueName('cat'));
    expect(newcomer.joined.users).toEqual(expect.arrayContaining(members.map((m) => m.name)));
    for (const member of members) await member.inbox.presence(`join:${newcomer.name}`);
  });

  it('takes the next frame of a client whose flow acks since the last attachment write were not written', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await alice.say('acknowledge me');
    await bob.inbox.nextChat();
    // Acks are not written to the attachment (encrypted-frame.ts): wait until the room has bob's.
    const ackedByRoom = () =>
      runInDurableObject(
        roomStub(),
        (room: ChatRoom) => room.members.get(nameKey(bob.name))?.flow.acked ?? 0,
      );
    // The client acks FLOW_ACK_DELAY_MS after the first frame it has not acknowledged.
    await expect.poll(ackedByRoom, { timeout: FLOW_ACK_DELAY_MS + 5_000 }).toBe(bob.channel.received.bytes);
    await evict();
    await bob.channel.send({ type: 'pm', cid: cid(), to: alice.name, text: 'after my acks', ts: Date.now() });
    expect(await alice.inbox.nextChat()).toMatchObject({ type: 'pm', from: bob.name, text: 'after my acks' });
    // The next frame is strict again: one that skips ahead is refused.
    bob.channel.sendRaw(
      await bob.channel.seal(new TextEncoder().encode('{"type":"typing"}'), { hi: 0, lo: 10_000 }),
    );
    expect(await bob.inbox.error('bad_seq')).toMatchObject({ code: 'bad_seq' });
  });

  it('a leave is still announced for a socket that closes after the eviction', async () => {
    const [ann, ben] = await joinAll(uniqueName('ann'), uniqueName('ben'));
    await evict();
    ben.channel.close();
    await ann.inbox.presence(`leave:${ben.name}:left`);
  });

  it('sequence numbers keep working in both directions, across several evictions', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    for (let round = 0; round < 3; round++) {
      await alice.say(`alice ${round}`);
      await bob.say(`bob ${round}`);
      expect(await bob.inbox.nextChat()).toMatchObject({ text: `alice ${round}` });
      expect(await alice.inbox.nextChat()).toMatchObject({ text: `bob ${round}` });
      await evict();
    }
    await alice.say('after the last eviction');
    expect(alice.channel.isOpen && bob.channel.isOpen).toBe(true);
  });

  it('a frame recorded before the eviction is still refused as a replay', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const frame = await alice.channel.seal(
      new TextEncoder().encode(JSON.stringify({ type: 'msg', cid: cid(), text: 'once', ts: Date.now() })),
    );
    alice.channel.sendRaw(frame);
    expect(await bob.inbox.nextChat()).toMatchObject({ text: 'once' });
    await evict();
    alice.channel.sendRaw(frame);
    await alice.inbox.error('bad_seq');
    await alice.say('after the replay');
    expect(await bob.inbox.nextChat()).toMatchObject({ text: 'after the replay' });
  });

  it('a duplicate name is still refused, ignoring case', async () => {
    const alice = await joinAs(uniqueName('Alice'));
    await evict();
    const channel = await openChannel();
    const inbox = new Inbox(channel);
    await channel.send({ type: 'join', name: alice.name.toUpperCase() });
    await inbox.error('name_taken');
  });

  it('a client that finished the handshake but had not joined yet can still join', async () => {
    const channel = await openChannel();
    const inbox = new Inbox(channel);
    await evict();
    const name = uniqueName('halfway');
    await channel.send({ type: 'join', name });
    expect(await inbox.next('joined')).toMatchObject({ name });
  });

  it('the room key and its fingerprint are unchanged', async () => {
    const before = await (await Wire.open()).hello();
    await evict();
    const after = await (await Wire.open()).hello();
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.publicKey).toBe(before.publicKey);
  });
});
