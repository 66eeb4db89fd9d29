// Picking a username (the rules, uniqueness without regard to case or look-alike characters)
// and the live roster that joins and leaves keep up to date.

import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type ErrorCode } from '#protocol/errors';
import { must } from '../support/must';
import { cid, closeAll, Inbox, joinAll, joinAs, openChannel, uniqueName } from './support/room-client';

afterEach(closeAll);

async function freshChannel() {
  const channel = await openChannel();
  return { channel, inbox: new Inbox(channel) };
}

describe('username rules', () => {
  const cases: [string, string, ErrorCode][] = [
    ['a name of one character', 'a', 'name_too_short'],
    ['an empty name', '', 'name_too_short'],
    ['a name of 16 characters', 'abcdefghijklmnop', 'name_too_long'],
    ['a name with a space', 'bad name', 'name_bad_chars'],
    ['a name with punctuation', 'bob!', 'name_bad_chars'],
    ['a name with letters outside ASCII', 'Zoë', 'name_bad_chars'],
    ['a name with markup', '<b>x</b>', 'name_bad_chars'],
    ['the name of the Lobby tab, in any case', 'LOBBY', 'name_reserved'],
  ];

  for (const [what, name, code] of cases) {
    it(`refuses ${what} with ${code}, and the socket stays open to retry`, async () => {
      const { channel, inbox } = await freshChannel();
      await channel.send({ type: 'join', name });
      const error = await inbox.error(code);
      expect(error.message.length).toBeGreaterThan(0);

      const retry = uniqueName('retry');
      await channel.send({ type: 'join', name: retry });
      expect(await inbox.next('joined')).toMatchObject({ name: retry });
    });
  }

  it('accepts names of exactly 2 and 15 letters, digits and underscores', async () => {
    for (const name of ['ab', 'A_b_9_c_d_e_f_1'.slice(0, 15)]) {
      const user = await joinAs(name);
      expect(user.joined.name).toBe(name);
    }
  });

  it('refuses a second join on the same socket with already_joined', async () => {
    const user = await joinAs(uniqueName('once'));
    await user.channel.send({ type: 'join', name: uniqueName('twice') });
    await user.inbox.error('already_joined');
    await user.say('still here');
  });
});

describe('unique names', () => {
  it('refuses a duplicate username, ignoring case, and the socket stays open to retry', async () => {
    const name = uniqueName('Alice');
    await joinAs(name);
    for (const variant of [name, name.toLowerCase(), name.toUpperCase()]) {
      const { channel, inbox } = await freshChannel();
      await channel.send({ type: 'join', name: variant });
      await inbox.error('name_taken');
      const other = uniqueName('other');
      await channel.send({ type: 'join', name: other });
      expect(await inbox.next('joined')).toMatchObject({ name: other });
    }
  });
});

describe('look-alike names', () => {
  it('refuses a look-alike of a name in use (I or 1 for l, 0 for O, rn for m) with name_taken', async () => {
    const name = uniqueName('MaIlO');
    const owner = await joinAs(name);
    const variants = [
      name.replace('I', 'l'),
      name.replace('l', '1'),
      name.replace('O', '0'),
      name.replace('M', 'rn'),
      name.toUpperCase().replace('I', 'i'),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(name);
      const { channel, inbox } = await freshChannel();
      await channel.send({ type: 'join', name: variant });
      const error = await inbox.error('name_taken');
      expect(error.message).toBe(ERROR_MESSAGES.name_taken);
      expect(error.message).toContain('looks like it');
    }
    // The owner keeps the name as typed.
    expect(owner.joined.name).toBe(name);
    expect(owner.joined.users).toContain(name);
  });

  it('still routes a private message to a member whose name has look-alike characters', async () => {
    const [sender, owner] = await joinAll(uniqueName('sender'), uniqueName('Mi1O'));
    if (!sender || !owner) throw new Error('two members expected');
    const id = cid();
    await sender.channel.send({ type: 'pm', cid: id, to: owner.name, text: 'found you', ts: Date.now() });
    expect(await owner.inbox.next('pm')).toMatchObject({
      from: sender.name,
      to: owner.name,
      text: 'found you',
    });
    expect(await sender.inbox.next('pm')).toMatchObject({ to: owner.name, cid: id });
  });

  it('refuses a look-alike of a reserved name with name_reserved', async () => {
    const { channel, inbox } = await freshChannel();
    await channel.send({ type: 'join', name: 'L0bby' });
    await inbox.error('name_reserved');
  });
});

describe('the roster', () => {
  it("lists everyone online in the joiner's joined message", async () => {
    const earlier = await joinAll(uniqueName('ann'), uniqueName('ben'));
    const joiner = await joinAs(uniqueName('cat'));
    expect(joiner.joined.users).toEqual(expect.arrayContaining([...earlier.map((u) => u.name), joiner.name]));
    expect(joiner.joined.users.filter((n) => n === joiner.name)).toHaveLength(1);
  });

  it('announces a join to everyone already there, with the new count', async () => {
    const [ann] = await joinAll(uniqueName('ann'));
    const ben = await joinAs(uniqueName('ben'));
    const [batch] = await ann.inbox.presence(`join:${ben.name}`);
    expect(must(batch).changes).toContainEqual({ change: 'join', name: ben.name });
    expect(must(batch).count).toBe(ben.joined.users.length);
  });

  it("announces a closed socket as a leave with reason 'left'", async () => {
    const [ann, ben] = await joinAll(uniqueName('ann'), uniqueName('ben'));
    ben.channel.close();
    const [batch] = await ann.inbox.presence(`leave:${ben.name}:left`);
    expect(must(batch).changes).toContainEqual({ change: 'leave', name: ben.name, reason: 'left' });
  });

  it('coalesces a wave of joins into far fewer presence frames than joins', async () => {
    const [watcher] = await joinAll(uniqueName('watch'));
    // Handshakes first (RSA is the slow part), then 20 joins arrive together.
    const newcomers = await Promise.all(Array.from({ length: 20 }, () => freshChannel()));
    const names = newcomers.map(() => uniqueName('wave'));
    await Promise.all(
      newcomers.map(({ channel }, i) => channel.send({ type: 'join', name: must(names[i]) })),
    );
    await Promise.all(newcomers.map(({ inbox }) => inbox.next('joined')));

    const batches = await watcher.inbox.presence(...names.map((name) => `join:${name}`));
    // Typically 3–5 frames (one per 50 ms window); one per join would be 20. The bound leaves room
    // for a slow, busy machine without letting a per-join frame slip through.
    expect(batches.length).toBeLessThanOrEqual(10);
    expect(batches.flatMap((b) => b.changes).filter((c) => names.includes(c.name))).toHaveLength(20);
    expect(must(batches.at(-1)).count).toBe(21);
  });
});
