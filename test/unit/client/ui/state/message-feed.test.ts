// Unit tests for client/ui/state/message-feed.ts over a fake client: live messages land in their
// conversation (a whisper opens its tab), every row is merged by the room's message id (no repeats,
// in id order), our echo settles the pending row, and "Load older" asks once per page (again after
// a too_expensive refusal).

import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { type ChatEntry, RoomError } from '../../../../../client/core/chat-client';
import { createConversations, LOBBY } from '../../../../../client/ui/state/conversations';
import { createIdentity } from '../../../../../client/ui/state/identity';
import { appendLine } from '../../../../../client/ui/state/log-lines';
import { createMessageFeed } from '../../../../../client/ui/state/message-feed';
import { FakeClient } from './fake-client';

const msg = (id: number, from = 'bob', extra: { cid?: number } = {}): ChatEntry => ({
  type: 'msg',
  id,
  from,
  text: `message ${id}`,
  ts: id,
  at: id,
  ...extra,
});
const pm = (id: number, from: string, to: string): ChatEntry => ({
  type: 'pm',
  id,
  from,
  to,
  text: `whisper ${id}`,
  ts: id,
  at: id,
});

function setup() {
  const client = new FakeClient();
  const identity = createIdentity('alice');
  identity.users.value = ['alice', 'bob'];
  const arrived: { from: string; to: string | null; id: number; mine: boolean }[] = [];
  const seen: string[] = [];
  const extras = {
    arrived: (from: string, to: string | null, id: number, mine: boolean) =>
      arrived.push({ from, to, id, mine }),
    seen: (peer: string) => seen.push(peer),
  };
  const conversations = createConversations({ attending: signal(true), identity, extras });
  const toasts: string[] = [];
  const feed = createMessageFeed(client, {
    conversations,
    identity,
    extras,
    toasts: { show: (message) => toasts.push(message) },
  });
  const keys = (id: string) => conversations.list.value.find((c) => c.id === id)?.lines.map((l) => l.key);
  const history = (messages: ChatEntry[], more: boolean, before?: number) =>
    client.fire('history', { type: 'history', messages, more, ...(before === undefined ? {} : { before }) });
  return { client, conversations, feed, arrived, seen, toasts, keys, history };
}

describe('message feed: live messages', () => {
  it('puts a Lobby message in the Lobby and tells the extras it arrived', () => {
    const { client, keys, arrived } = setup();
    client.fire('message', msg(1));
    expect(keys(LOBBY)).toEqual(['m:1']);
    expect(arrived).toEqual([{ from: 'bob', to: null, id: 1, mine: false }]);
  });

  it('opens the tab of a whisper without bringing it to the front, and counts it unread', () => {
    const { client, conversations, keys } = setup();
    client.fire('message', pm(2, 'bob', 'alice'));
    expect(keys('bob')).toEqual(['m:2']);
    expect(conversations.activeId.value).toBe(LOBBY);
    expect(conversations.list.value.find((c) => c.id === 'bob')?.unread).toBe(1);
  });

  it("files our own whisper under its recipient's tab", () => {
    const { client, keys } = setup();
    client.fire('message', pm(3, 'alice', 'bob'));
    expect(keys('bob')).toEqual(['m:3']);
  });

  it('does not repeat a message it already shows', () => {
    const { client, keys } = setup();
    client.fire('message', msg(1));
    client.fire('message', msg(1));
    expect(keys(LOBBY)).toEqual(['m:1']);
  });

  it('replaces our pending row with the echo that carries its cid', () => {
    const { client, conversations, keys } = setup();
    conversations.edit(LOBBY, (lines) =>
      appendLine(lines, {
        key: 'cid:4',
        kind: 'public',
        at: 0,
        from: 'alice',
        text: 'hi',
        cid: 4,
        state: 'sending',
      }),
    );
    client.fire('message', msg(9, 'alice', { cid: 4 }));
    const lines = conversations.list.value[0]?.lines ?? [];
    expect(keys(LOBBY)).toEqual(['m:9']);
    expect(lines[0]).toMatchObject({ id: 9, cid: 4 });
    expect(lines[0]?.state).toBeUndefined();
  });

  it('counts a Lobby message that mentions us, out of view, as an unread mention and marks its row', () => {
    const { client, conversations } = setup();
    conversations.open('bob', true);
    client.fire('message', { ...msg(6), text: 'ping @Alice, see this' });
    client.fire('message', { ...msg(7), text: 'no mention of alice here' });
    client.fire('message', { ...msg(8, 'alice'), text: 'talking to myself @alice' });
    const lobby = conversations.list.value.find((c) => c.id === LOBBY);
    expect(lobby).toMatchObject({ unread: 2, mentions: 1 });
    expect(lobby?.lines.map((l) => l.mentioned ?? false)).toEqual([true, false, false]);
    conversations.select(LOBBY);
    expect(conversations.list.value.find((c) => c.id === LOBBY)?.mentions).toBeUndefined();
  });

  it('tells the peer "seen" when a whisper lands in the tab that is open', () => {
    const { client, conversations, seen } = setup();
    conversations.open('bob', true);
    seen.length = 0;
    client.fire('message', pm(5, 'bob', 'alice'));
    expect(seen).toEqual(['bob']);
  });
});

describe('message feed: history and "Load older"', () => {
  it('merges a page by id: overlapping rows are not repeated and older ones go first', () => {
    const { client, keys, history } = setup();
    client.fire('message', msg(5));
    client.fire('message', msg(7));
    history([msg(3), msg(5), msg(6)], true);
    expect(keys(LOBBY)).toEqual(['m:3', 'm:5', 'm:6', 'm:7']);
  });

  it('opens the tabs of whispers in a page, acknowledging only those from others', () => {
    const { keys, history, arrived } = setup();
    history([pm(1, 'bob', 'alice'), pm(2, 'alice', 'carol')], false);
    expect(keys('bob')).toEqual(['m:1']);
    expect(keys('carol')).toEqual(['m:2']);
    expect(arrived).toEqual([{ from: 'bob', to: 'alice', id: 1, mine: false }]);
  });

  it('asks for the page before the oldest Lobby message, once, until it arrives', () => {
    const { client, feed, keys, history } = setup();
    history([msg(10), msg(11)], true);
    expect(feed.lobbyMore.value).toBe(true);

    feed.loadOlder();
    feed.loadOlder();
    expect(client.olderAsked).toEqual([10]);
    expect(feed.loadingOlder.value).toBe(true);

    history([msg(8), msg(9)], false, 10);
    expect(feed.loadingOlder.value).toBe(false);
    expect(feed.lobbyMore.value).toBe(false);
    expect(keys(LOBBY)).toEqual(['m:8', 'm:9', 'm:10', 'm:11']);
  });

  it('asks for nothing while the Lobby holds no message', () => {
    const { client, feed } = setup();
    feed.loadOlder();
    expect(client.olderAsked).toEqual([]);
    expect(feed.loadingOlder.value).toBe(false);
  });

  it('says so when offline, and does not wait for a page that was never asked for', () => {
    const { client, feed, toasts } = setup();
    client.fire('message', msg(10));
    client.online = false;
    feed.loadOlder();
    expect(toasts).toEqual(['You are offline. Older messages load once the connection is back.']);
    expect(feed.loadingOlder.value).toBe(false);
  });

  it('lets "Load older" be pressed again when the room refuses the page with too_expensive', () => {
    const { client, feed } = setup();
    client.fire('message', msg(10));
    feed.loadOlder();

    // A refused download start (it names its file) is not about the page.
    client.fire('error', new RoomError('too_expensive', 'busy', undefined, { fileId: 'f'.repeat(32) }));
    expect(feed.loadingOlder.value).toBe(true);
    client.fire('error', new RoomError('too_expensive', 'busy'));
    expect(feed.loadingOlder.value).toBe(false);

    feed.loadOlder();
    expect(client.olderAsked).toEqual([10, 10]);
  });

  it('does not stop waiting for an older page when the join page arrives', () => {
    const { client, feed, history } = setup();
    client.fire('message', msg(10));
    feed.loadOlder();
    history([msg(10)], true);
    expect(feed.loadingOlder.value).toBe(true);
  });
});
