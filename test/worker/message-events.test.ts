// Reactions, edits and deletions of stored messages (worker/room/handlers/message-events.ts), with
// real encrypted clients: who may do what, the error codes, what SQLite and the search index keep,
// the coalescing of reaction bursts, and replay after an eviction, exactly once and in order.

import { env, evictDurableObject, runInDurableObject, SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REACTIONS_PER_MESSAGE, EDIT_WINDOW_MS } from '#protocol/message-events';
import type { ServerMessage } from '#protocol/server-messages';
import { configOf } from '../../worker/config';
import type { ChatRoom } from '../../worker/room/chat-room';
import { adminToken, auditMark, expectEvent } from './support/audit';
import { at } from './support/clock';
import {
  cid,
  closeAll,
  Inbox,
  joinAll,
  type Member,
  ORIGIN,
  openChannel,
  roomStub,
  uniqueName,
} from './support/room-client';

afterEach(closeAll);

/** The room's reaction cap: vitest.config.ts sets MAX_REACTIONS_PER_MESSAGE below its default. */
const MAX_REACTIONS_PER_MESSAGE = configOf(env).MAX_REACTIONS_PER_MESSAGE;

/** Distinct emoji, one per index (😀 onwards). */
const emojiAt = (i: number) => String.fromCodePoint(0x1f600 + i);

/** Sends a private message from `from` to `to` and resolves with the recipient's copy. */
async function whisper(from: Member, to: Member, text: string) {
  await from.channel.send({ type: 'pm', cid: cid(), to: to.name, text, ts: Date.now() });
  return to.inbox.next('pm', (m) => m.text === text);
}

/** Public messages and message events in `log`, as short strings, in order. */
function stored(log: readonly ServerMessage[], ids: ReadonlySet<number>): string[] {
  return log.flatMap((m) => {
    if ((m.type === 'msg' || m.type === 'pm') && ids.has(m.id))
      return [
        `${m.type} ${m.id}${m.deleted ? ' deleted' : ''} ${m.text} ${JSON.stringify(m.reactions ?? [])}`,
      ];
    if (m.type === 'reaction' && ids.has(m.id)) return [`reaction ${m.id} ${JSON.stringify(m.reactions)}`];
    if (m.type === 'edited' && ids.has(m.id)) return [`edited ${m.id} ${m.text}`];
    if (m.type === 'deleted' && ids.has(m.id)) return [`deleted ${m.id}`];
    return [];
  });
}

describe('reactions', () => {
  it('reach everyone as the message’s whole state, toggled per person', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('react to me');
    await bob.channel.send({ type: 'react', id, emoji: '🔥', on: true });
    expect(await alice.inbox.next('reaction', (r) => r.id === id)).toMatchObject({
      reactions: [{ emoji: '🔥', count: 1, names: [bob.name] }],
    });
    await alice.channel.send({ type: 'react', id, emoji: '🔥', on: true });
    expect((await bob.inbox.next('reaction', (r) => r.reactions[0]?.count === 2)).reactions).toEqual([
      { emoji: '🔥', count: 2, names: [bob.name, alice.name] },
    ]);
    await bob.channel.send({ type: 'react', id, emoji: '🔥', on: false });
    expect(
      (await alice.inbox.next('reaction', (r) => r.id === id && r.reactions[0]?.count === 1)).reactions,
    ).toEqual([{ emoji: '🔥', count: 1, names: [alice.name] }]);
  });

  it('coalesces a burst: many toggles, fewer reaction frames, the last one holding the final state', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('a popular message');
    const toggles = 12;
    await Promise.all(
      Array.from({ length: toggles }, (_, i) =>
        bob.channel.send({ type: 'react', id, emoji: emojiAt(i % 4), on: i < 8 || i % 2 === 0 }),
      ),
    );
    // Emoji 0 and 2 stay on (toggled on, then "on" again); 1 and 3 end off.
    const final = [emojiAt(0), emojiAt(2)].map((emoji) => ({ emoji, count: 1, names: [bob.name] }));
    await alice.inbox.next(
      'reaction',
      (r) => r.id === id && JSON.stringify(r.reactions) === JSON.stringify(final),
    );
    const frames = alice.inbox.log.filter((m) => m.type === 'reaction' && m.id === id);
    expect(frames.length).toBeLessThan(toggles / 2);
  });

  it(`refuses one distinct emoji past the configured cap (too_many_reactions), but not another person on one already there`, async () => {
    // The setting, not the default, is what the room applies.
    expect(MAX_REACTIONS_PER_MESSAGE).toBeLessThan(DEFAULT_MAX_REACTIONS_PER_MESSAGE);
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('so many feelings');
    await Promise.all(
      Array.from({ length: MAX_REACTIONS_PER_MESSAGE }, (_, i) =>
        alice.channel.send({ type: 'react', id, emoji: emojiAt(i), on: true }),
      ),
    );
    await bob.inbox.next('reaction', (r) => r.reactions.length === MAX_REACTIONS_PER_MESSAGE);
    await bob.channel.send({ type: 'react', id, emoji: emojiAt(MAX_REACTIONS_PER_MESSAGE), on: true });
    await bob.inbox.error('too_many_reactions');
    await bob.channel.send({ type: 'react', id, emoji: emojiAt(0), on: true });
    const last = await alice.inbox.next('reaction', (r) => r.reactions[0]?.count === 2);
    expect(last.reactions).toHaveLength(MAX_REACTIONS_PER_MESSAGE);
  });
});

describe('edits and deletions', () => {
  it('the author edits: everyone gets the latest text, history and search show only it', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('teh quokkaoldword');
    await alice.channel.send({ type: 'edit', id, text: 'the quokkanewword' });
    const edited = await bob.inbox.next('edited', (e) => e.id === id);
    expect(edited).toMatchObject({ text: 'the quokkanewword' });
    expect(edited.seq).toBeGreaterThan(id);

    await bob.channel.send({ type: 'history', before: id + 1, limit: 1 });
    expect((await bob.inbox.next('history', (h) => h.before === id + 1)).messages).toEqual([
      expect.objectContaining({ id, text: 'the quokkanewword', editedAt: edited.editedAt }),
    ]);
    await bob.channel.send({ type: 'search', query: 'quokkaoldword' });
    expect((await bob.inbox.next('search_results', (s) => s.query === 'quokkaoldword')).messages).toEqual([]);
    await bob.channel.send({ type: 'search', query: 'quokkanewword' });
    expect((await bob.inbox.next('search_results', (s) => s.query === 'quokkanewword')).messages).toEqual([
      expect.objectContaining({ id, text: 'the quokkanewword' }),
    ]);
  });

  it('only the author may edit or delete (not_author)', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('mine alone');
    await bob.channel.send({ type: 'edit', id, text: 'hijacked' });
    await bob.inbox.error('not_author');
    await bob.channel.send({ type: 'delete', id });
    await bob.inbox.error('not_author');
    expect(alice.inbox.log.some((m) => m.type === 'edited' || m.type === 'deleted')).toBe(false);
  });

  it('refuses an edit more than 24 hours after the message (edit_window_passed)', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const longAgo = Date.now() - EDIT_WINDOW_MS - 60_000;
    const { id } = await at(longAgo, () => alice.say('said yesterday'));
    await alice.channel.send({ type: 'edit', id, text: 'too late' });
    await alice.inbox.error('edit_window_passed');
    // Deleting has no window.
    await alice.channel.send({ type: 'delete', id });
    await alice.inbox.next('deleted', (d) => d.id === id);
  });

  it('answers unknown_message for a missing message and for a private message of others', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    await carol.channel.send({ type: 'react', id: 987_654_321, emoji: '🔥', on: true });
    await carol.inbox.error('unknown_message');
    const { id } = await whisper(alice, bob, 'just us');
    await carol.channel.send({ type: 'react', id, emoji: '🔥', on: true });
    await carol.inbox.error('unknown_message');
    await carol.channel.send({ type: 'delete', id });
    await carol.inbox.error('unknown_message');
    await carol.channel.send({ type: 'msg', cid: cid(), text: 'public reply', ts: Date.now(), reply_to: id });
    await carol.inbox.error('unknown_message');
  });

  it('a reply names the message it answers', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('question?');
    await bob.channel.send({ type: 'msg', cid: cid(), text: 'answer', ts: Date.now(), reply_to: id });
    expect(await alice.inbox.next('msg', (m) => m.text === 'answer')).toMatchObject({ reply_to: id });
    const pm = await whisper(alice, bob, 'private question');
    await bob.channel.send({
      type: 'pm',
      cid: cid(),
      to: alice.name,
      text: 'private answer',
      ts: Date.now(),
      reply_to: pm.id,
    });
    expect(await alice.inbox.next('pm', (m) => m.text === 'private answer')).toMatchObject({
      reply_to: pm.id,
    });
  });

  it('a reaction or edit on a private message reaches only its two parties', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const { id } = await whisper(alice, bob, 'between us');
    await bob.channel.send({ type: 'react', id, emoji: '👍', on: true });
    await alice.inbox.next('reaction', (r) => r.id === id);
    await alice.channel.send({ type: 'edit', id, text: 'between us, edited' });
    await bob.inbox.next('edited', (e) => e.id === id);
    const marker = await alice.say('marker');
    await carol.inbox.next('msg', (m) => m.id === marker.id);
    expect(carol.inbox.log.filter((m) => m.type === 'reaction' || m.type === 'edited')).toEqual([]);
  });
});

describe('a deleted message', () => {
  type Row = Record<string, SqlStorageValue>;

  /** Every row of every table of the room, blobs as hex, as one string to search in. */
  function everyRow(): Promise<string> {
    return runInDurableObject(roomStub(), (_room: ChatRoom, state) => {
      const names = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
        )
        .toArray()
        .map((r) => r.name);
      // Table names come from sqlite_master, never from input.
      const rows = names.flatMap((name) => state.storage.sql.exec<Row>(`SELECT * FROM "${name}"`).toArray());
      return JSON.stringify(rows, (_key, value: unknown) =>
        value instanceof ArrayBuffer
          ? [...new Uint8Array(value)].map((b) => b.toString(16).padStart(2, '0')).join('')
          : value,
      );
    });
  }

  const hex = (text: string) =>
    [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');

  it('leaves a tombstone: its text is gone from every table and the search index', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const secret = 'xylophonesecretword';
    const { id } = await alice.say(`the ${secret} is here`);
    await bob.channel.send({ type: 'react', id, emoji: '🔥', on: true });
    await alice.inbox.next('reaction', (r) => r.id === id);
    const before = await everyRow();
    expect(before.includes(secret) || before.includes(hex(secret))).toBe(true);

    await alice.channel.send({ type: 'delete', id });
    expect(await bob.inbox.next('deleted', (d) => d.id === id)).toMatchObject({ id });

    const after = await everyRow();
    expect(after).not.toContain(secret);
    expect(after).not.toContain(hex(secret));
    await bob.channel.send({ type: 'search', query: secret });
    expect((await bob.inbox.next('search_results', (s) => s.query === secret)).messages).toEqual([]);
    await bob.channel.send({ type: 'history', before: id + 1, limit: 1 });
    expect((await bob.inbox.next('history', (h) => h.before === id + 1)).messages).toEqual([
      expect.objectContaining({ id, text: '', deleted: true }),
    ]);
    await bob.channel.send({ type: 'react', id, emoji: '🔥', on: true });
    await bob.inbox.error('unknown_message');
  });

  it('the room admin may delete any message (DELETE /api/admin/messages/:id), audited', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const { id } = await alice.say('moderate me');
    const remove = (token?: string, which: string = String(id)) =>
      SELF.fetch(`${ORIGIN}/api/admin/messages/${which}`, {
        method: 'DELETE',
        headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      });
    const mark = await auditMark();
    expect((await remove()).status).toBe(401);
    expect((await remove(adminToken(), 'abc')).status).toBe(400);
    expect((await remove(adminToken(), '987654321')).status).toBe(404);
    expect((await remove(adminToken())).status).toBe(200);
    await Promise.all([alice, bob].map((m) => m.inbox.next('deleted', (d) => d.id === id)));
    await expectEvent(mark, 'message_deleted', { ref: String(id) });
    expect((await remove(adminToken())).status).toBe(404);
  });
});

describe('after an eviction', () => {
  it('a resumed client gets the reactions, edits and deletes it missed, exactly once and in order', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const m1 = await alice.say('one');
    const m2 = await alice.say('two');
    const m3 = await alice.say('three');
    await bob.inbox.next('msg', (m) => m.id === m3.id);
    bob.channel.close();
    await alice.inbox.presence(`leave:${bob.name}:left`);

    await alice.channel.send({ type: 'react', id: m1.id, emoji: '🎉', on: true });
    await alice.inbox.next('reaction', (r) => r.id === m1.id);
    await alice.channel.send({ type: 'edit', id: m2.id, text: 'two, edited' });
    await alice.inbox.next('edited', (e) => e.id === m2.id);
    await alice.channel.send({ type: 'delete', id: m3.id });
    await alice.inbox.next('deleted', (d) => d.id === m3.id);
    const m4 = await alice.say('four');
    await alice.channel.send({ type: 'react', id: m4.id, emoji: '👀', on: true });
    await alice.inbox.next('reaction', (r) => r.id === m4.id);

    await evictDurableObject(roomStub(), { webSockets: 'close' });

    const channel = await openChannel();
    const inbox = new Inbox(channel);
    await channel.send({ type: 'join', name: bob.name, resume: bob.joined.token, since: m3.id });
    const marker = 'after the replay';
    expect(await inbox.next('joined')).toMatchObject({ resumed: true });
    await inbox.next('msg', (m) => m.id === m4.id);
    await channel.send({ type: 'msg', cid: cid(), text: marker, ts: Date.now() });
    await inbox.next('msg', (m) => m.text === marker);

    const mine = JSON.stringify([{ emoji: '🎉', count: 1, names: [alice.name] }]);
    const seen = JSON.stringify([{ emoji: '👀', count: 1, names: [alice.name] }]);
    expect(stored(inbox.log, new Set([m1.id, m2.id, m3.id, m4.id]))).toEqual([
      `reaction ${m1.id} ${mine}`,
      `edited ${m2.id} two, edited`,
      `deleted ${m3.id}`,
      `msg ${m4.id} four ${seen}`,
    ]);
  });
});
