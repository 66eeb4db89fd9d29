import { describe, expect, it } from 'vitest';
import { joinAs } from './support/room-client';

describe('smoke', () => {
  it('delivers a public message from alice to bob', async () => {
    const alice = await joinAs('alice');
    const bob = await joinAs('bob');
    await alice.channel.send({ type: 'msg', cid: 1, text: 'hi bob', ts: Date.now() });
    const got = await bob.inbox.next('msg');
    expect(got).toMatchObject({ from: 'alice', text: 'hi bob' });
    const echo = await alice.inbox.next('msg');
    expect(echo.cid).toBe(1);
    alice.channel.close();
    bob.channel.close();
  });
});
