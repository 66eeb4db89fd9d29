// Unit tests for client/ui/state/message-actions.ts with the composer's send: a reply adds
// reply_to to the next message to that conversation only, an edit takes the composer's text (and
// Up finds our last message), reactions count towards the quick bar, and nothing is sent offline.

import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ClientMessageOf } from '#protocol/client-messages';
import { ERROR_MESSAGES } from '#protocol/errors';
import { ChatClient, type ConnectionStatus } from '../../../../../client/core/chat-client';
import { createComposerActions } from '../../../../../client/ui/state/composer-actions';
import { conversationId, createConversations, LOBBY } from '../../../../../client/ui/state/conversations';
import { createIdentity } from '../../../../../client/ui/state/identity';
import type { LogLine } from '../../../../../client/ui/state/log-lines';
import { createMessageActions } from '../../../../../client/ui/state/message-actions';

type Sent = ClientMessageOf<'react' | 'edit' | 'delete'>;

function setup() {
  // A client that never connects: messages wait in its queue, where the test reads them.
  const client = new ChatClient({
    connect: () => {
      throw new Error('this test never connects');
    },
  });
  const events: Sent[] = [];
  let online = true;
  const eventClient = {
    sendMessageEvent: (event: Sent) => {
      if (online) events.push(event);
      return online;
    },
  };
  const identity = createIdentity('alice');
  identity.users.value = ['alice', 'bob'];
  const conversations = createConversations({
    attending: signal(true),
    identity,
    extras: { seen: () => {} },
  });
  const toasts: string[] = [];
  const used: string[] = [];
  const messages = createMessageActions(eventClient, {
    identity,
    conversations,
    toasts: { show: (m) => toasts.push(m) },
    recent: { quick: () => [], used: (e) => used.push(e) },
  });
  const composer = createComposerActions(client, {
    identity,
    status: signal<ConnectionStatus>('connected'),
    conversations,
    extras: { typed: () => {}, sent: () => {} },
    files: { send: async () => {} },
    toasts: { show: (m) => toasts.push(m) },
    remember: () => {},
    messages,
  });
  const put = (id: string, lines: LogLine[]) => conversations.edit(id, () => lines);
  return {
    client,
    events,
    identity,
    conversations,
    messages,
    composer,
    toasts,
    used,
    put,
    goOffline: () => {
      online = false;
    },
  };
}

const row = (id: number, from: string, at: number, extra: Partial<LogLine> = {}): LogLine => ({
  key: `m:${id}`,
  id,
  kind: 'public',
  at,
  from,
  text: `message ${id}`,
  ...extra,
});

describe('replies', () => {
  it('sends the next Lobby message as a reply, shows the quote on its row, then forgets the target', () => {
    const { client, messages, composer, conversations } = setup();
    messages.reply(row(7, 'bob', 0));
    expect(messages.replying.value).toEqual({ conversation: LOBBY, id: 7, from: 'bob' });
    expect(composer.send('sure')).toBe(true);
    expect(client.queue.all()[0]).toMatchObject({ kind: 'msg', text: 'sure', replyTo: 7 });
    expect(conversations.active.value.lines.at(-1)?.replyTo).toBe(7);
    expect(messages.replying.value).toBeNull();
    composer.send('and another');
    expect(client.queue.all()[1]?.replyTo).toBeUndefined();
  });

  it('does not attach a Lobby reply to a whisper to someone else', () => {
    const { client, messages, composer } = setup();
    messages.reply(row(7, 'bob', 0));
    composer.send('/w bob psst');
    expect(client.queue.all()[0]).toMatchObject({ kind: 'pm', to: 'bob' });
    expect(client.queue.all()[0]?.replyTo).toBeUndefined();
    expect(messages.replying.value).not.toBeNull();
  });

  it('replies inside a private conversation', () => {
    const { client, messages, composer, conversations } = setup();
    conversations.open('bob', true);
    messages.reply(row(3, 'bob', 0, { kind: 'private', to: 'alice' }));
    expect(messages.replying.value?.conversation).toBe(conversationId('bob'));
    composer.send('yes');
    expect(client.queue.all()[0]).toMatchObject({ kind: 'pm', to: 'bob', replyTo: 3 });
  });
});

describe('edits', () => {
  it('Up edits our newest message here, and the composer saves its text as the edit', () => {
    const { identity, messages, composer, put, events } = setup();
    const now = identity.roomNow();
    put(LOBBY, [row(1, 'alice', now), row(2, 'bob', now)]);
    expect(messages.editLast()).toBe(true);
    expect(messages.editing.value).toEqual({ conversation: LOBBY, id: 1, text: 'message 1' });
    expect(composer.send('message one')).toBe(true);
    expect(events).toEqual([{ type: 'edit', id: 1, text: 'message one' }]);
    expect(messages.editing.value).toBeNull();
  });

  it('finds nothing to edit when our last message is over 24 hours old', () => {
    const { identity, messages, put } = setup();
    put(LOBBY, [row(1, 'alice', identity.roomNow() - 25 * 60 * 60 * 1000)]);
    expect(messages.editLast()).toBe(false);
  });

  it('explains that a message sealed end to end cannot be edited', () => {
    const { identity, messages, put, toasts, conversations } = setup();
    conversations.open('bob', true);
    put(conversationId('bob'), [
      row(1, 'alice', identity.roomNow(), { kind: 'private', to: 'bob', sealed: true }),
    ]);
    expect(messages.editLast()).toBe(true);
    expect(messages.editing.value).toBeNull();
    expect(toasts).toEqual([ERROR_MESSAGES.sealed_message]);
  });

  it('refuses to save an empty edit and keeps editing', () => {
    const { identity, messages, put, events, toasts } = setup();
    put(LOBBY, [row(1, 'alice', identity.roomNow())]);
    messages.editLast();
    expect(messages.saveEdit('   ')).toBe(false);
    expect(events).toEqual([]);
    expect(toasts).toHaveLength(1);
    expect(messages.editing.value).not.toBeNull();
  });

  it('sends nothing when the text did not change', () => {
    const { identity, messages, put, events } = setup();
    put(LOBBY, [row(1, 'alice', identity.roomNow())]);
    messages.editLast();
    expect(messages.saveEdit('message 1')).toBe(true);
    expect(events).toEqual([]);
  });
});

describe('reactions and deletion', () => {
  it('sends a reaction and counts the emoji for the quick bar, but not taking one back', () => {
    const { messages, events, used } = setup();
    messages.react(row(4, 'bob', 0), '🎉', true);
    messages.react(row(4, 'bob', 0), '🎉', false);
    expect(events).toEqual([
      { type: 'react', id: 4, emoji: '🎉', on: true },
      { type: 'react', id: 4, emoji: '🎉', on: false },
    ]);
    expect(used).toEqual(['🎉']);
  });

  it('deletes a message and drops a reply being written to it', () => {
    const { messages, events } = setup();
    const target = row(5, 'alice', 0);
    messages.reply(target);
    messages.remove(target);
    expect(events).toEqual([{ type: 'delete', id: 5 }]);
    expect(messages.replying.value).toBeNull();
  });

  it('says so when offline instead of sending', () => {
    const { messages, events, toasts, goOffline } = setup();
    goOffline();
    messages.remove(row(5, 'alice', 0));
    expect(events).toEqual([]);
    expect(toasts).toHaveLength(1);
  });
});
