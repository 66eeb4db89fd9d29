// Unit tests for client/ui/state/composer-actions.ts with a real ChatClient that never connects, so
// every message goes to its offline queue: plain text and /w whispers become 'sending' rows in the
// right tab, unknown commands and impossible recipients are refused with a reason, files are checked.

import { type Signal, signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { ChatClient, type ConnectionStatus } from '../../../../../client/core/chat-client';
import { MAX_QUEUED } from '../../../../../client/core/send-queue';
import { unknownCommand, WHISPER_USAGE } from '../../../../../client/ui/format/composer-input';
import { createComposerActions } from '../../../../../client/ui/state/composer-actions';
import { createConversations, LOBBY } from '../../../../../client/ui/state/conversations';
import { createIdentity } from '../../../../../client/ui/state/identity';

function setup(
  options: { me?: string | null; status?: ConnectionStatus; confirmFirst?: (to: string) => boolean } = {},
) {
  const client = new ChatClient({
    connect: () => {
      throw new Error('this test never connects');
    },
  });
  const identity = createIdentity(options.me === undefined ? 'alice' : options.me);
  identity.users.value = ['alice', 'Bob'];
  const status: Signal<ConnectionStatus> = signal(options.status ?? 'connected');
  const conversations = createConversations({
    attending: signal(true),
    identity,
    extras: { seen: () => {} },
  });
  const typing: (string | null)[] = [];
  const sent: (string | null)[] = [];
  const toasts: string[] = [];
  const filesSent: { names: string[]; to: string | null }[] = [];
  let remembered = 0;
  let publicSends = 0;
  const composer = createComposerActions(client, {
    identity,
    status,
    conversations,
    extras: { typed: (to) => typing.push(to), sent: (to) => sent.push(to) },
    files: {
      send: async (files, to) => {
        filesSent.push({ names: files.map((f) => f.name), to });
      },
    },
    toasts: { show: (message) => toasts.push(message) },
    remember: () => {
      remembered++;
    },
    ...(options.confirmFirst ? { confirmFirst: options.confirmFirst } : {}),
    sentPublic: () => {
      publicSends++;
    },
  });
  const lines = (id: string) => conversations.list.value.find((c) => c.id === id)?.lines ?? [];
  return {
    client,
    identity,
    status,
    conversations,
    composer,
    typing,
    sent,
    toasts,
    filesSent,
    lines,
    remembered: () => remembered,
    publicSends: () => publicSends,
  };
}

describe('composer actions: a changed identity', () => {
  it('holds a private message back, queueing nothing, while the peer must be confirmed, then sends once confirmed', () => {
    let mustConfirm = true;
    const asked: string[] = [];
    const { client, composer } = setup({
      confirmFirst: (to) => {
        if (mustConfirm) asked.push(to);
        return mustConfirm;
      },
    });
    expect(composer.send('/w bob are you still you?')).toBe(false);
    expect(client.queue.size).toBe(0);
    expect(asked).toEqual(['Bob']);
    mustConfirm = false;
    expect(composer.send('/w bob are you still you?')).toBe(true);
    expect(client.queue.size).toBe(1);
  });
});

describe('composer actions: commands', () => {
  it('queues plain text for the Lobby and shows it as sending', () => {
    const { client, composer, lines, sent, remembered, publicSends } = setup();
    expect(composer.send('hello all')).toBe(true);
    expect(client.queue.size).toBe(1);
    expect(lines(LOBBY)).toEqual([
      expect.objectContaining({
        key: 'cid:1',
        cid: 1,
        kind: 'public',
        from: 'alice',
        text: 'hello all',
        state: 'sending',
      }),
    ]);
    expect(sent).toEqual([null]);
    expect(remembered()).toBe(1);
    // Slow mode's wait starts with the send, not the room's echo.
    expect(publicSends()).toBe(1);
  });

  it('whispers with /w: opens and focuses the tab under the roster spelling', () => {
    const { composer, conversations, lines, sent } = setup();
    expect(composer.send('/w bob psst')).toBe(true);
    expect(conversations.activeId.value).toBe('bob');
    expect(conversations.active.value.peer).toBe('Bob');
    expect(lines('bob')).toEqual([
      expect.objectContaining({ kind: 'private', from: 'alice', to: 'Bob', text: 'psst', state: 'sending' }),
    ]);
    expect(sent).toEqual(['Bob']);
  });

  it("sends plain text in a private tab to that tab's peer", () => {
    const { composer, conversations, lines, publicSends } = setup();
    conversations.open('bob', true);
    expect(composer.send('just us')).toBe(true);
    expect(lines('bob')[0]).toMatchObject({ kind: 'private', to: 'Bob', text: 'just us' });
    expect(lines(LOBBY)).toEqual([]);
    expect(publicSends()).toBe(0);
  });

  it('refuses an unknown command or a whisper without text, saying why, and sends nothing', () => {
    const { client, composer, toasts } = setup();
    expect(composer.send('/shrug')).toBe(false);
    expect(composer.send('/w bob')).toBe(false);
    expect(toasts).toEqual([unknownCommand('shrug'), WHISPER_USAGE]);
    expect(client.queue.size).toBe(0);
  });

  it('sends nothing for an empty box, a /file command, or before we have a name', () => {
    expect(setup().composer.send('   ')).toBe(false);
    expect(setup().composer.send('/file')).toBe(false);
    const anonymous = setup({ me: null });
    expect(anonymous.composer.send('hello')).toBe(false);
    expect(anonymous.client.queue.size).toBe(0);
  });

  it('refuses a whisper to ourselves, and to someone not in the room while connected, without a tab', () => {
    const { composer, conversations, toasts } = setup();
    expect(composer.send('/w ALICE hi')).toBe(false);
    expect(composer.send('/w carol hi')).toBe(false);
    expect(toasts).toEqual([ERROR_MESSAGES.self_message, `${ERROR_MESSAGES.unknown_user} (carol)`]);
    expect(conversations.list.value.map((c) => c.id)).toEqual([LOBBY]);
  });

  it('turns keystrokes into typing hints for the place the text would go', () => {
    const { composer, typing } = setup();
    composer.typed('hel');
    composer.typed('/w bob hel');
    composer.typed('/w bob ');
    composer.typed('/sh');
    expect(typing).toEqual([null, 'Bob']);
  });
});

describe('composer actions: the offline queue', () => {
  it('queues a whisper to someone it cannot see while reconnecting (the room decides later)', () => {
    const { client, composer, lines } = setup({ status: 'reconnecting' });
    expect(composer.send('/w carol later')).toBe(true);
    expect(client.queue.size).toBe(1);
    expect(lines('carol')[0]).toMatchObject({ state: 'sending', to: 'carol' });
  });

  it('says so when the queue is full, and keeps the text in the box', () => {
    const { client, composer, toasts, lines } = setup({ status: 'offline' });
    for (let i = 0; i < MAX_QUEUED; i++) expect(composer.send(`message ${i}`)).toBe(true);
    expect(composer.send('one too many')).toBe(false);
    expect(client.queue.size).toBe(MAX_QUEUED);
    expect(toasts).toEqual(['Too many messages are waiting to be sent. Wait for the connection.']);
    expect(lines(LOBBY).at(-1)?.text).toBe(`message ${MAX_QUEUED - 1}`);
  });

  it('numbers queued messages on, so the rows and the queue agree', () => {
    const { client, composer, lines } = setup({ status: 'offline' });
    composer.send('one');
    composer.send('/w bob two');
    expect(client.queue.all().map((item) => item.cid)).toEqual([1, 2]);
    expect(lines(LOBBY)[0]?.key).toBe('cid:1');
    expect(lines('bob')[0]?.key).toBe('cid:2');
  });
});

describe('composer actions: files', () => {
  const file = new File(['x'], 'a.txt', { type: 'text/plain' });

  it('says nobody would receive a Lobby file when we are alone, and allows it offline', () => {
    const { identity, status, composer, toasts } = setup();
    identity.users.value = ['alice'];
    expect(composer.canSendFilesTo(null)).toBe(false);
    expect(toasts).toEqual(['Nobody else is in the room to receive a file.']);
    status.value = 'reconnecting';
    expect(composer.canSendFilesTo(null)).toBe(true);
  });

  it('offers files to the roster spelling of a private recipient', () => {
    const { composer, filesSent } = setup();
    composer.sendFiles([file], 'BOB');
    composer.sendFiles([file], 'alice');
    composer.sendFiles([], 'bob');
    expect(filesSent).toEqual([{ names: ['a.txt'], to: 'Bob' }]);
  });
});
