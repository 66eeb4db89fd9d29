// Unit tests for the wiring in client/ui/state/chat-store.ts, over the in-memory room of
// test/unit/client/core/fake-room.ts: drafts survive taking the name back but not a new name,
// presence lines reach the Lobby and the peer's tab, and a file card goes when its tab closes.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '#protocol/server-messages';
import { type ChatStore, createChatStore } from '../../../../../client/ui/state/chat-store';
import { LOBBY } from '../../../../../client/ui/state/conversations';
import { saveResume } from '../../../../../client/ui/state/resume-storage';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';
import { FakeRoom, type FakeSocket } from '../../core/fake-room';

let room: FakeRoom;
let store: ChatStore | undefined;

beforeAll(async () => {
  room = await FakeRoom.create();
});

afterEach(() => {
  store?.client.close();
  store = undefined;
  room.reset();
});

function memoryStorage(): SimpleStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

function open(session = memoryStorage()): ChatStore {
  const pins = new Map<string, string>();
  store = createChatStore({
    connect: room.connect,
    session,
    local: memoryStorage(),
    pins: { get: (origin) => pins.get(origin) ?? null, set: (origin, pin) => void pins.set(origin, pin) },
    origin: 'https://chat.example',
  });
  return store;
}

const joined = (name: string, resumed: boolean): ServerMessageOf<'joined'> => ({
  type: 'joined',
  name,
  token: `token-${name}`,
  users: [name, 'bob'],
  resumed,
  at: Date.now(),
});

/** The room answers the client's join on socket 0; resolves once the store has heard it. */
async function answerJoin(chat: ChatStore, name: string, resumed: boolean): Promise<FakeSocket> {
  const socket = await room.socket(0);
  await socket.expect('join');
  const heard = chat.client.once('joined');
  await socket.deliver(joined(name, resumed));
  await heard;
  return socket;
}

describe('chat store', () => {
  it('keeps the drafts when it takes its name back after a reload', async () => {
    const session = memoryStorage();
    saveResume(session, { name: 'alice', token: 'saved', nextCid: 1 });
    const chat = open(session);
    chat.drafts.set(LOBBY, 'half a thought');
    chat.start();
    await answerJoin(chat, 'alice', true);
    expect(chat.me.value).toBe('alice');
    expect(chat.drafts.get(LOBBY)).toBe('half a thought');
  });

  it('starts a new name with no drafts and only the Lobby', async () => {
    const chat = open();
    chat.drafts.set(LOBBY, 'from before');
    const joining = chat.join('alice');
    await answerJoin(chat, 'alice', false);
    await joining;
    expect(chat.drafts.get(LOBBY)).toBe('');
    expect(chat.conversations.value.map((c) => c.id)).toEqual([LOBBY]);
  });

  it("writes a join and a leave in the Lobby, and in the peer's tab when it is open", async () => {
    const chat = open();
    const joining = chat.join('alice');
    const socket = await answerJoin(chat, 'alice', false);
    await joining;
    chat.openConversation('bob');
    const heard = chat.client.once('presence');
    await socket.deliver({
      type: 'presence',
      changes: [
        { change: 'join', name: 'carol' },
        { change: 'leave', name: 'bob', reason: 'left' },
      ],
      count: 2,
    });
    await heard;
    const texts = (id: string) => chat.conversations.value.find((c) => c.id === id)?.lines.map((l) => l.text);
    expect(texts(LOBBY)).toHaveLength(2);
    expect(texts('bob')).toEqual([texts(LOBBY)?.[1]]);
    expect(chat.users.value).toEqual(['alice', 'carol']);
  });

  it('forgets a file card when the tab that shows it closes', async () => {
    const chat = open();
    const joining = chat.join('alice');
    const socket = await answerJoin(chat, 'alice', false);
    await joining;
    const heard = chat.client.once('file');
    await socket.deliver({
      type: 'file_offered',
      fileId: '0123456789abcdef0123456789abcdef',
      from: 'bob',
      to: 'alice',
      name: 'notes.pdf',
      size: 5,
      mime: 'application/pdf',
      sha256: '0'.repeat(64),
      chunkSize: 100,
      at: 0,
    });
    await heard;
    const id = 'in:0123456789abcdef0123456789abcdef';
    expect(chat.conversations.value.find((c) => c.id === 'bob')?.lines.map((l) => l.file)).toEqual([id]);
    expect(chat.files.card(id)?.value.name).toBe('notes.pdf');

    chat.closeConversation('bob');
    expect(chat.files.card(id)).toBeUndefined();
  });
});
