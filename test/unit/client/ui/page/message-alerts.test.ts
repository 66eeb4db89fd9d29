// Unit tests for client/ui/page/message-alerts.ts: messages and file offers that arrive while the
// person is away ring the chime and, when private, show a notification naming the sender and what
// came (a message or a file); nothing rings for their own lines or while they are looking.

import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ChatEntry } from '../../../../../client/core/chat-client';
import { Emitter } from '../../../../../client/core/emitter';
import type { FileTransfersEvents } from '../../../../../client/core/file-transfer/file-transfers';
import type { NotificationSubject } from '../../../../../client/ui/page/desktop-notifications';
import { watchMessageAlerts } from '../../../../../client/ui/page/message-alerts';

class Source<E extends Record<string, unknown>> extends Emitter<E> {
  fire<K extends keyof E>(event: K, payload: E[K]): void {
    this.emit(event, payload);
  }
}

type MessageEvents = { message: ChatEntry };

function harness() {
  const client = new Source<MessageEvents>();
  const offers = new Source<FileTransfersEvents>();
  const attending = signal(false);
  const chimes: number[] = [];
  const shown: { from: string; what: NotificationSubject | undefined }[] = [];
  const opened: string[] = [];
  let clock = 1_000_000;
  const stop = watchMessageAlerts({
    client,
    fileOffers: offers,
    isMe: (name) => name === 'me',
    me: () => 'me',
    attending,
    prefs: { sound: signal(true), notifications: signal(true) },
    chime: { play: () => chimes.push(clock) },
    notifier: {
      access: () => 'granted',
      request: async () => true,
      show: (from, open, what) => {
        shown.push({ from, what });
        open();
      },
    },
    openConversation: (peer) => opened.push(peer),
    openLobby: () => opened.push('the Lobby'),
    now: () => clock,
  });
  const later = () => {
    clock += 60_000;
  };
  const message = (type: 'msg' | 'pm', from: string, text = 'hello') =>
    client.fire('message', { type, from, text, ts: clock, id: 1 } as unknown as ChatEntry);
  const offer = (from: string, to?: string) =>
    offers.fire('offer', {
      offer: { type: 'file_offered', fileId: 'f'.repeat(32), from, ...(to ? { to } : {}) },
    } as unknown as FileTransfersEvents['offer']);
  return { attending, chimes, shown, opened, later, message, offer, stop };
}

describe('watchMessageAlerts', () => {
  it('rings for a Lobby file offered while the person is away, without a notification', () => {
    const h = harness();
    h.offer('alice');
    expect(h.chimes).toHaveLength(1);
    expect(h.shown).toEqual([]);
  });

  it('rings and notifies for a private file, naming the sender and that it is a file; a click opens their tab', () => {
    const h = harness();
    h.offer('alice', 'me');
    expect(h.chimes).toHaveLength(1);
    expect(h.shown).toEqual([{ from: 'alice', what: 'file' }]);
    expect(h.opened).toEqual(['alice']);
  });

  it('tells a private message from a private file in the notification', () => {
    const h = harness();
    h.message('pm', 'bob');
    h.later();
    h.message('msg', 'bob');
    expect(h.chimes).toHaveLength(2);
    expect(h.shown).toEqual([{ from: 'bob', what: 'message' }]);
  });

  it('rings and notifies for a Lobby message that mentions us, even just after a chime; a click opens the Lobby', () => {
    const h = harness();
    h.message('msg', 'bob', 'a plain line');
    h.message('msg', 'bob', 'are you there @ME?');
    expect(h.chimes).toHaveLength(2);
    expect(h.shown).toEqual([{ from: 'bob', what: 'mention' }]);
    expect(h.opened).toEqual(['the Lobby']);
  });

  it('notifies for @everyone in the Lobby, but not for a mention of someone else or of us in a word', () => {
    const h = harness();
    h.message('msg', 'bob', '@everyone lunch');
    h.later();
    h.message('msg', 'bob', '@meg and me@example.com');
    expect(h.shown).toEqual([{ from: 'bob', what: 'mention' }]);
  });

  it('stays quiet while the person is looking, and for their own messages and files', () => {
    const h = harness();
    h.message('pm', 'me');
    h.offer('me', 'alice');
    h.attending.value = true;
    h.message('pm', 'bob');
    h.offer('bob', 'me');
    expect(h.chimes).toEqual([]);
    expect(h.shown).toEqual([]);
  });

  it('stops listening when stopped', () => {
    const h = harness();
    h.stop();
    h.message('pm', 'bob');
    h.offer('bob', 'me');
    expect(h.chimes).toEqual([]);
  });
});
