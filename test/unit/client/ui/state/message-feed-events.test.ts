// Unit tests for client/ui/state/message-feed.ts with reactions, edits and deletions from the room:
// each reaches the row of its message in whichever conversation holds it, Lobby or private, and
// counts as nothing unread. Every other row keeps its object, so the log's memoised rows
// (client/ui/message-row.tsx) render only the row that changed.

import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createConversations, LOBBY } from '../../../../../client/ui/state/conversations';
import { createIdentity } from '../../../../../client/ui/state/identity';
import { createMessageFeed } from '../../../../../client/ui/state/message-feed';
import { FakeClient } from './fake-client';

function setup() {
  const client = new FakeClient();
  const identity = createIdentity('alice');
  identity.users.value = ['alice', 'bob'];
  const extras = { arrived: () => {}, seen: () => {} };
  const conversations = createConversations({ attending: signal(false), identity, extras });
  createMessageFeed(client, { conversations, identity, extras, toasts: { show: () => {} } });
  const row = (id: string, key: string) =>
    conversations.list.value.find((c) => c.id === id)?.lines.find((l) => l.key === key);
  const unread = (id: string) => conversations.list.value.find((c) => c.id === id)?.unread;
  const lines = (id: string) => conversations.list.value.find((c) => c.id === id)?.lines ?? [];
  return { client, row, unread, lines };
}

describe('message feed: reactions, edits and deletions', () => {
  it('edits a Lobby row and deletes a private one, without counting either as unread', () => {
    const { client, row, unread } = setup();
    client.fire('message', { type: 'msg', id: 1, from: 'bob', text: 'teh', ts: 1, at: 1 });
    client.fire('message', { type: 'pm', id: 2, from: 'bob', to: 'alice', text: 'secret', ts: 2, at: 2 });
    const before = [unread(LOBBY), unread('bob')];

    client.fire('messageEvent', { type: 'edited', id: 1, seq: 3, text: 'the', editedAt: 3 });
    client.fire('messageEvent', { type: 'deleted', id: 2, seq: 4 });
    expect(row(LOBBY, 'm:1')).toMatchObject({ text: 'the', editedAt: 3 });
    expect(row('bob', 'm:2')).toMatchObject({ text: '', deleted: true });
    expect([unread(LOBBY), unread('bob')]).toEqual(before);
  });

  it('highlights a row whose edit mentions us, and drops the highlight when an edit or a deletion takes it away', () => {
    const { client, row } = setup();
    client.fire('message', { type: 'msg', id: 7, from: 'bob', text: 'hello all', ts: 1, at: 1 });
    expect(row(LOBBY, 'm:7')?.mentioned).toBeUndefined();

    client.fire('messageEvent', { type: 'edited', id: 7, seq: 8, text: 'hello @alice', editedAt: 2 });
    expect(row(LOBBY, 'm:7')?.mentioned).toBe(true);

    client.fire('messageEvent', { type: 'edited', id: 7, seq: 9, text: 'hello all', editedAt: 3 });
    expect(row(LOBBY, 'm:7')?.mentioned).toBeUndefined();

    client.fire('messageEvent', { type: 'edited', id: 7, seq: 10, text: 'hi @Alice', editedAt: 4 });
    client.fire('messageEvent', { type: 'deleted', id: 7, seq: 11 });
    expect(row(LOBBY, 'm:7')?.mentioned).toBeUndefined();
  });

  it('shows the reactions the room summarises on the row', () => {
    const { client, row } = setup();
    client.fire('message', { type: 'msg', id: 5, from: 'bob', text: 'hi', ts: 1, at: 1 });
    const reactions = [{ emoji: '🎉', count: 1, names: ['alice'] }];
    client.fire('messageEvent', { type: 'reaction', id: 5, seq: 6, reactions });
    expect(row(LOBBY, 'm:5')?.reactions).toEqual(reactions);
  });

  it('keeps every other row the same object when a message arrives or one row is edited, reacted to or deleted', () => {
    const { client, lines } = setup();
    for (const id of [1, 2, 3])
      client.fire('message', { type: 'msg', id, from: 'bob', text: `m${id}`, ts: id, at: id });
    const before = lines(LOBBY);

    client.fire('message', { type: 'msg', id: 4, from: 'bob', text: 'hi @alice', ts: 4, at: 4 });
    const after = lines(LOBBY);
    for (const [i, line] of before.entries()) expect(after[i]).toBe(line);

    const reactions = [{ emoji: '🎉', count: 1, names: ['alice'] }];
    const events = [
      { type: 'reaction', id: 2, seq: 5, reactions },
      { type: 'edited', id: 2, seq: 6, text: 'hello @alice', editedAt: 6 },
      { type: 'deleted', id: 2, seq: 7 },
    ] as const;
    for (const event of events) {
      const was = lines(LOBBY);
      client.fire('messageEvent', event);
      const now = lines(LOBBY);
      expect(now[1]).not.toBe(was[1]);
      for (const i of [0, 2, 3]) expect(now[i]).toBe(was[i]);
    }
  });
});
