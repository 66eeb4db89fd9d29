// Several rooms in one page: each opened once with its own attention, the room on screen, the
// joined set saved as names come and go, a room left without a name closed when another is shown,
// unread counts and mentions kept per room, and leaving a room closing it.

import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { describe, expect, it, type Mock, vi } from 'vitest';
import type { RoomAddress } from '#protocol/room-address';
import { type Conversations, createConversations, LOBBY } from '../../../../../client/ui/state/conversations';
import { loadJoinedRooms, saveJoinedRooms } from '../../../../../client/ui/state/joined-rooms';
import type { LogLine } from '../../../../../client/ui/state/log-lines';
import { roomActivity } from '../../../../../client/ui/state/room-list';
import { createRoomSessions, FULL_PAGE, type RoomStore } from '../../../../../client/ui/state/room-sessions';
import type { SimpleStorage } from '../../../../../client/ui/state/safe-storage';

const lobby: RoomAddress = { kind: 'public', slug: 'lobby' };
const rust: RoomAddress = { kind: 'public', slug: 'rust' };
const go: RoomAddress = { kind: 'public', slug: 'go' };

interface FakeStore extends RoomStore {
  readonly me: Signal<string | null>;
  readonly conversations: Conversations;
  readonly started: Mock<() => void>;
  readonly left: Mock<() => void>;
}

function memory(): SimpleStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** Sessions over fake stores; `names` gives a room (by slug) the name it resumes with. */
function setup(here: RoomAddress, saved: RoomAddress[] = [], names: Record<string, string> = {}) {
  const storage = memory();
  saveJoinedRooms(storage, saved);
  const attending = signal(true);
  const stores = new Map<string, FakeStore>();
  const notice = vi.fn();
  const sessions = createRoomSessions<FakeStore>({
    storage,
    here,
    attending,
    notice,
    open(room, roomAttending: ReadonlySignal<boolean>) {
      const slug = room.kind === 'public' ? room.slug : room.id;
      const me = signal<string | null>(names[slug] ?? null);
      const store: FakeStore = {
        me,
        conversations: createConversations({
          attending: roomAttending,
          identity: { canonical: (name) => name },
          extras: { seen: () => undefined },
        }),
        started: vi.fn(),
        left: vi.fn(),
        start() {
          store.started();
        },
        async join(name) {
          me.value = name;
        },
      };
      stores.set(slug, store);
      return { store, leave: () => store.left() };
    },
  });
  sessions.start();
  const store = (slug: string) => {
    const found = stores.get(slug);
    if (!found) throw new Error(`${slug} was never opened`);
    return found;
  };
  return { sessions, storage, attending, store, stores, notice };
}

let seq = 0;
/** A message from someone else arrives in the room's Lobby conversation. */
function arrive(conversations: Conversations, mentioned = false): void {
  const line: LogLine = { key: `m${++seq}`, kind: 'public', at: seq, from: 'bob', text: 'hi' };
  conversations.edit(LOBBY, (lines) => [...lines, line], true, mentioned);
}

const activity = (store: FakeStore) => roomActivity(store.conversations.list.value);
const keys = (s: ReturnType<typeof setup>) => s.sessions.sessions.value.map((x) => x.key);

describe('room sessions', () => {
  it("opens the saved rooms and the page's room, each once, and shows the page's room", () => {
    const s = setup(rust, [lobby, rust], { lobby: 'alice', rust: 'alice' });
    expect(keys(s)).toEqual(['/', '/r/rust']);
    expect(s.sessions.current.value.key).toBe('/r/rust');
    expect(s.store('lobby').started).toHaveBeenCalledTimes(1);
    expect(s.store('rust').started).toHaveBeenCalledTimes(1);
  });

  it('saves the joined set as names come and go', () => {
    const s = setup(lobby);
    expect(loadJoinedRooms(s.storage)).toEqual([]);
    s.store('lobby').me.value = 'alice';
    s.sessions.show(rust, 'alice');
    expect(loadJoinedRooms(s.storage)).toEqual([lobby, rust]);
    s.store('lobby').me.value = null; // The name was lost while away.
    expect(loadJoinedRooms(s.storage)).toEqual([rust]);
  });

  it('joins a room picked from the list with our name, and keeps the others open', () => {
    const s = setup(lobby, [], {});
    s.store('lobby').me.value = 'alice';
    s.sessions.show(rust, 'alice');
    expect(s.store('rust').me.value).toBe('alice');
    expect(s.sessions.current.value.key).toBe('/r/rust');
    expect(s.store('lobby').left).not.toHaveBeenCalled();
    expect(keys(s)).toEqual(['/', '/r/rust']);
  });

  it('closes a room shown without a name once another room is shown', () => {
    const s = setup(rust, [lobby], { lobby: 'alice' });
    expect(s.store('rust').me.value).toBeNull();
    s.sessions.show(lobby);
    expect(s.store('rust').left).toHaveBeenCalledTimes(1);
    expect(keys(s)).toEqual(['/']);
  });

  it('counts unread messages and mentions per room, only in rooms not on screen', () => {
    const s = setup(lobby, [rust], { lobby: 'alice', rust: 'alice' });
    arrive(s.store('lobby').conversations);
    arrive(s.store('rust').conversations, true);
    arrive(s.store('rust').conversations);
    expect(activity(s.store('lobby'))).toEqual({ unread: 0, mentions: 0 });
    expect(activity(s.store('rust'))).toEqual({ unread: 2, mentions: 1 });

    s.sessions.show(rust);
    expect(activity(s.store('rust'))).toEqual({ unread: 0, mentions: 0 });
    arrive(s.store('lobby').conversations, true);
    expect(activity(s.store('lobby'))).toEqual({ unread: 1, mentions: 1 });
  });

  it('counts the room on screen too while the person is not looking, and clears it when they are back', () => {
    const s = setup(lobby, [], { lobby: 'alice' });
    s.attending.value = false;
    arrive(s.store('lobby').conversations);
    expect(activity(s.store('lobby')).unread).toBe(1);
    s.attending.value = true;
    expect(activity(s.store('lobby')).unread).toBe(0);
  });

  it('leaves a room: closes it, drops it from the joined set, and shows another', () => {
    const s = setup(rust, [lobby, rust], { lobby: 'alice', rust: 'alice' });
    s.sessions.leave('/r/rust');
    expect(s.store('rust').left).toHaveBeenCalledTimes(1);
    expect(keys(s)).toEqual(['/']);
    expect(s.sessions.current.value.key).toBe('/');
    expect(loadJoinedRooms(s.storage)).toEqual([lobby]);
  });

  it('opens a fresh lobby when the last room is left', () => {
    const s = setup(go, [], { go: 'alice' });
    s.sessions.leave('/r/go');
    expect(keys(s)).toEqual(['/']);
    expect(s.sessions.current.value.key).toBe('/');
    expect(s.store('lobby').me.value).toBeNull();
  });

  it('refuses a room past the bound and says why', () => {
    const many = Array.from({ length: 12 }, (_, i): RoomAddress => ({ kind: 'public', slug: `r${i}` }));
    const s = setup(many[0] ?? lobby, many, Object.fromEntries(many.map((_, i) => [`r${i}`, 'alice'])));
    s.sessions.show(rust, 'alice');
    expect(s.notice).toHaveBeenCalledWith(FULL_PAGE);
    expect(s.stores.has('rust')).toBe(false);
    expect(s.sessions.current.value.key).toBe('/r/r0');
  });
});
