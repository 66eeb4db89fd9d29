// Unit tests for the conversations model (client/ui/state/conversations.ts) and the receipts of
// conversation-extras.ts: which messages count as unread, when a tab is read and its peer told
// "seen", opening and closing tabs, and which file cards leave with their rows.

import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECEIPT_DELAY_MS } from '../../../../../client/core/receipt-sender';
import { createConversationExtras } from '../../../../../client/ui/state/conversation-extras';
import {
  type Conversation,
  createConversations,
  droppedFileCards,
  LOBBY,
} from '../../../../../client/ui/state/conversations';
import { createIdentity } from '../../../../../client/ui/state/identity';
import { appendLine, type LogLine } from '../../../../../client/ui/state/log-lines';
import { FakeClient } from './fake-client';

const row = (key: string, extra: Partial<LogLine> = {}): LogLine => ({
  key,
  kind: 'public',
  at: 0,
  from: 'bob',
  text: key,
  ...extra,
});

function setup(attendingAtStart = true) {
  const attending = signal(attendingAtStart);
  const identity = createIdentity('alice');
  identity.users.value = ['alice', 'Bob'];
  const seen: string[] = [];
  const conversations = createConversations({
    attending,
    identity,
    extras: { seen: (peer) => seen.push(peer) },
  });
  const unread = (id: string) => conversations.list.value.find((c) => c.id === id)?.unread;
  const lines = (id: string) => conversations.list.value.find((c) => c.id === id)?.lines.map((l) => l.key);
  const add = (id: string, key: string, fromOthers = true) =>
    conversations.edit(id, (current) => appendLine(current, row(key)), fromOthers);
  return { attending, conversations, seen, unread, lines, add };
}

describe('conversations: unread counts', () => {
  it('counts a message from someone else in a tab that is not open', () => {
    const { conversations, unread, add } = setup();
    conversations.open('bob', false);
    add('bob', 'm:1');
    add('bob', 'm:2');
    expect(unread('bob')).toBe(2);
    expect(unread(LOBBY)).toBe(0);
  });

  it('does not count a message in the open tab while the person is looking, nor our own anywhere', () => {
    const { conversations, unread, add } = setup();
    add(LOBBY, 'm:1');
    conversations.open('bob', false);
    add('bob', 'cid:1', false);
    expect(unread(LOBBY)).toBe(0);
    expect(unread('bob')).toBe(0);
  });

  it('counts messages in the open tab while the person is away, and clears them when they come back', () => {
    const { attending, unread, add } = setup();
    attending.value = false;
    add(LOBBY, 'm:1');
    add(LOBBY, 'm:2');
    expect(unread(LOBBY)).toBe(2);
    attending.value = true;
    expect(unread(LOBBY)).toBe(0);
  });

  it('reads a tab when it is selected, and tells its peer it was seen', () => {
    const { conversations, unread, seen, add } = setup();
    conversations.open('bob', false);
    add('bob', 'm:1');
    conversations.select('bob');
    expect(unread('bob')).toBe(0);
    expect(conversations.active.value.peer).toBe('Bob');
    expect(seen).toEqual(['Bob']);
  });

  it('tells nobody "seen" while the person is away, and tells the open peer once they are back', () => {
    const { attending, conversations, seen } = setup(false);
    conversations.open('bob', true);
    conversations.markSeen();
    expect(seen).toEqual([]);
    attending.value = true;
    expect(seen).toEqual(['Bob']);
  });

  it('never tells "seen" for the Lobby', () => {
    const { conversations, seen } = setup();
    conversations.select(LOBBY);
    conversations.markSeen();
    expect(seen).toEqual([]);
  });
});

describe('conversations: tabs', () => {
  it('opens a tab with the roster spelling, after the Lobby, once', () => {
    const { conversations } = setup();
    conversations.open('BOB', false);
    conversations.open('bob', false);
    expect(conversations.list.value.map((c) => [c.id, c.peer])).toEqual([
      [LOBBY, null],
      ['bob', 'Bob'],
    ]);
    expect(conversations.activeId.value).toBe(LOBBY);
  });

  it('brings a tab to the front when asked to focus it', () => {
    const { conversations } = setup();
    conversations.open('carol', true);
    expect(conversations.activeId.value).toBe('carol');
    expect(conversations.active.value.peer).toBe('carol');
  });

  it('goes back to the Lobby when the open tab closes, and never closes the Lobby', () => {
    const { conversations } = setup();
    conversations.open('bob', true);
    conversations.close('bob');
    conversations.close(LOBBY);
    expect(conversations.list.value.map((c) => c.id)).toEqual([LOBBY]);
    expect(conversations.activeId.value).toBe(LOBBY);
  });

  it('changes the rows of the tab that holds a pending message, and nothing when none does', () => {
    const { conversations, lines } = setup();
    conversations.open('bob', false);
    conversations.edit('bob', (current) => appendLine(current, row('cid:7', { cid: 7, state: 'sending' })));
    const before = conversations.list.value;
    conversations.editPending(8, () => []);
    expect(conversations.list.value).toBe(before);
    conversations.editPending(7, (current) => current.map((l) => ({ ...l, state: undefined })));
    expect(lines('bob')).toEqual(['cid:7']);
    expect(conversations.list.value.find((c) => c.id === 'bob')?.lines[0]?.state).toBeUndefined();
  });

  it('leaves only an empty Lobby, open, after a reset', () => {
    const { conversations, add } = setup();
    add(LOBBY, 'm:1');
    conversations.open('bob', true);
    conversations.reset();
    expect(conversations.list.value).toEqual([{ id: LOBBY, peer: null, lines: [], unread: 0 }]);
    expect(conversations.activeId.value).toBe(LOBBY);
  });
});

describe('droppedFileCards', () => {
  const conversation = (id: string, lines: LogLine[]): Conversation => ({
    id,
    peer: id === LOBBY ? null : id,
    lines,
    unread: 0,
  });
  const card = row('up:1', { file: 'up:1' });

  it('names the cards of a tab that closed, or of every tab after a reset', () => {
    const before = [conversation(LOBBY, [row('m:1')]), conversation('bob', [card])];
    expect(droppedFileCards(before, [before[0] as Conversation])).toEqual(['up:1']);
    expect(droppedFileCards(before, [conversation(LOBBY, [])])).toEqual(['up:1']);
  });

  it('names a card whose row scrolled off a full log, and none when the log only grew', () => {
    const before = [conversation(LOBBY, [card, row('m:1')])];
    expect(droppedFileCards(before, [conversation(LOBBY, [row('m:1'), row('m:2')])])).toEqual(['up:1']);
    expect(droppedFileCards(before, [conversation(LOBBY, [card, row('m:1'), row('m:2')])])).toEqual([]);
    expect(droppedFileCards(before, before)).toEqual([]);
  });
});

describe('conversation extras: receipts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps the highest receipt each peer sent, whatever the spelling of the peer's name", () => {
    const client = new FakeClient();
    const extras = createConversationExtras(client);
    client.fire('receipt', { type: 'receipt', peer: 'Bob', delivered: 5, seen: 3 });
    client.fire('receipt', { type: 'receipt', peer: 'bob', delivered: 4, seen: 4 });
    client.fire('receipt', { type: 'receipt', peer: 'carol', delivered: 1, seen: 0 });
    expect([...extras.receipts.value]).toEqual([
      ['bob', { delivered: 5, seen: 4 }],
      ['carol', { delivered: 1, seen: 0 }],
    ]);
    extras.reset();
    expect(extras.receipts.value.size).toBe(0);
  });

  it('acknowledges private messages from others, and says "seen" when their tab is looked at', () => {
    const client = new FakeClient();
    const extras = createConversationExtras(client);
    extras.arrived('bob', 'alice', 10, false);
    extras.arrived('bob', 'alice', 11, false);
    extras.arrived('alice', 'bob', 12, true);
    extras.arrived('carol', null, 13, false);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(client.receiptsSent).toEqual([{ from: 'bob', delivered: 11, seen: 0 }]);
    extras.seen('Bob');
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(client.receiptsSent.at(-1)).toEqual({ from: 'bob', delivered: 11, seen: 11 });
  });

  it('holds receipts while offline and sends them once the name is back', () => {
    const client = new FakeClient();
    const extras = createConversationExtras(client);
    client.online = false;
    extras.arrived('bob', 'alice', 10, false);
    vi.advanceTimersByTime(RECEIPT_DELAY_MS);
    expect(client.receiptsSent).toEqual([]);
    client.online = true;
    client.fire('joined', { type: 'joined', name: 'alice', token: 't', users: [], resumed: true, at: 0 });
    expect(client.receiptsSent).toEqual([{ from: 'bob', delivered: 10, seen: 0 }]);
  });
});
