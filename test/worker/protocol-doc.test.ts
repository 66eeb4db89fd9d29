// docs/protocol.md checked by a client written from it alone (test/worker/support/doc-client.ts):
// if the doc leaves out something a client needs, these tests fail.

import { describe, expect, it } from 'vitest';
import { DocClient, flowAck, type Json, joined } from './support/doc-client';

describe('a client built from docs/protocol.md alone', () => {
  it('joins, and gets joined and its history page in one batch, then its own join in a presence frame', async () => {
    const { client, name, joined: first } = await joined('doc');
    expect(first.message).toMatchObject({ name, resumed: false });
    expect(first.message.users).toContain(name);
    // 32 random bytes, unpadded base64url.
    expect(first.message.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const history = await client.take((m) => m.type === 'history', 'history');
    expect(history.frame).toBe(first.frame);
    expect(Array.isArray(history.message.messages)).toBe(true);
    const presence = await client.takeType('presence', (m) =>
      (m.changes as Json[]).some((c) => c.change === 'join' && c.name === name),
    );
    expect(presence.count).toBeGreaterThanOrEqual(1);
  });

  it("delivers a public message to the others, and the sender's own copy with its cid", async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    const text = 'hello 👩‍👩‍👧‍👦 from the doc';
    await alice.client.send({ type: 'msg', cid: 1, text, ts: Date.now() });
    const atBob = await bob.client.takeType('msg', (m) => m.from === alice.name);
    expect(atBob).toMatchObject({ text });
    expect(atBob.cid).toBeUndefined();
    // Public traffic came in room broadcast frames, opened with the room_key as section 3 says.
    expect(bob.client.broadcastFrames).toBeGreaterThan(0);
    const own = await alice.client.takeType('msg', (m) => m.cid === 1);
    expect(own).toMatchObject({ id: atBob.id, from: alice.name, text });
  });

  it('answers a repeated cid with ack and delivers that message to nobody', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    await alice.client.send({ type: 'msg', cid: 5, text: 'first', ts: Date.now() });
    await alice.client.takeType('msg', (m) => m.cid === 5);
    await alice.client.send({ type: 'msg', cid: 5, text: 'first again', ts: Date.now() });
    await alice.client.send({ type: 'msg', cid: 3, text: 'lower', ts: Date.now() });
    expect(await alice.client.takeType('ack')).toEqual({ type: 'ack', cid: 5 });
    expect(await alice.client.takeType('ack')).toEqual({ type: 'ack', cid: 3 });
    await alice.client.send({ type: 'msg', cid: 6, text: 'second', ts: Date.now() });
    const texts = [
      (await bob.client.takeType('msg', (m) => m.from === alice.name)).text,
      (await bob.client.takeType('msg', (m) => m.from === alice.name)).text,
    ];
    expect(texts).toEqual(['first', 'second']);
  });

  it('refuses a ts that is not an integer with bad_field', async () => {
    const { client } = await joined('clock');
    await client.send({ type: 'msg', cid: 1, text: 'hi', ts: Date.now() + 0.5 });
    expect(await client.takeType('error')).toMatchObject({ code: 'bad_field' });
  });

  it('sends a private message to its recipient only, and the sender its copy', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    await bob.client.send({ type: 'pm', cid: 1, to: alice.name, text: 'psst', ts: Date.now() });
    const atAlice = await alice.client.takeType('pm');
    expect(atAlice).toMatchObject({ from: bob.name, to: alice.name, text: 'psst' });
    expect(await bob.client.takeType('pm')).toMatchObject({ id: atAlice.id, cid: 1 });
  });

  it('pages history, searches the Lobby and relays typing as the doc describes', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    const word = `zebra${Date.now()}x${Math.floor(Math.random() * 1e6)}`;
    await alice.client.send({ type: 'msg', cid: 1, text: `a ${word} here`, ts: Date.now() });
    const sent = await alice.client.takeType('msg', (m) => m.cid === 1);
    await alice.client.send({ type: 'search', query: word });
    const results = await alice.client.takeType('search_results');
    expect(results).toMatchObject({ query: word, messages: [{ id: sent.id }] });
    await alice.client.send({ type: 'history', before: Number(sent.id) + 1, limit: 1 });
    expect(await alice.client.takeType('history', (m) => m.before !== undefined)).toMatchObject({
      messages: [{ id: sent.id }],
    });
    await bob.client.send({ type: 'typing', to: alice.name });
    expect(await alice.client.takeType('typing')).toEqual({
      type: 'typing',
      names: [bob.name],
      private: true,
    });
  });

  it('reacts, edits and deletes as section 4 describes, each event with a seq after the message id', async () => {
    const alice = await joined('alice');
    const bob = await joined('bob');
    await alice.client.send({ type: 'msg', cid: 1, text: 'tpyo', ts: Date.now() });
    const sent = await alice.client.takeType('msg', (m) => m.cid === 1);
    await bob.client.send({ type: 'react', id: sent.id, emoji: '👍', on: true });
    const reaction = await alice.client.takeType('reaction');
    expect(reaction).toMatchObject({
      id: sent.id,
      reactions: [{ emoji: '👍', count: 1, names: [bob.name] }],
    });
    expect(Number(reaction.seq)).toBeGreaterThan(Number(sent.id));
    await bob.client.send({ type: 'edit', id: sent.id, text: 'not mine' });
    expect(await bob.client.takeType('error')).toMatchObject({ code: 'not_author' });
    await alice.client.send({ type: 'edit', id: sent.id, text: 'typo' });
    expect(await bob.client.takeType('edited')).toMatchObject({ id: sent.id, text: 'typo' });
    await alice.client.send({ type: 'delete', id: sent.id });
    expect(await bob.client.takeType('deleted')).toMatchObject({ id: sent.id });
    await bob.client.send({ type: 'msg', cid: 1, text: 'reply', ts: Date.now(), reply_to: 999_999_999 });
    expect(await bob.client.takeType('error')).toMatchObject({ code: 'unknown_message', cid: 1 });
  });

  it('takes the acknowledgements section 6 describes, and refuses one counting more bytes than were sent', async () => {
    const { client } = await joined('acks');
    await client.until(() => client.flow.acked > 0, 'the first acknowledgement');
    const { hi, bytes } = client.flow;
    await client.send(flowAck(hi, bytes + 1_000_000));
    expect(await client.takeType('error')).toMatchObject({ code: 'bad_ack' });
  });

  it('refuses a frame whose sequence number is not the next one with bad_seq', async () => {
    const { client } = await joined('seq');
    // auth was 0, join 1, and acknowledgements (section 6) may have taken some more: 1000 is not next.
    client.sendRaw(await client.sealFrame({ type: 'typing' }, 1000));
    expect(await client.takeType('error', (m) => m.code === 'bad_seq')).toMatchObject({ code: 'bad_seq' });
  });

  it('answers a text ping with pong', async () => {
    const client = await DocClient.connect();
    client.sendRaw('ping');
    expect(await client.nextText()).toBe('pong');
  });
});
