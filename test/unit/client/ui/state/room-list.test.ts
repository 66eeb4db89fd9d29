// The room list's order and contents: rooms we are in first, in the order we joined them, then
// the directory's other public rooms; counts from our own roster where we are in the room.

import { describe, expect, it } from 'vitest';
import type { RoomListing } from '#protocol/room-listing';
import {
  entryName,
  type OpenRoom,
  roomActivity,
  roomListEntries,
} from '../../../../../client/ui/state/room-list';

const listing = (slug: string, members: number, topic = ''): RoomListing => ({
  slug,
  members,
  topic,
  lastActivity: 0,
});

const open = (key: string, label: string, more: Partial<OpenRoom> = {}): OpenRoom => ({
  key,
  label,
  joined: true,
  online: 2,
  unread: 0,
  mentions: 0,
  ...more,
});

describe('roomListEntries', () => {
  it('lists joined rooms first in their order, then the directory rooms we are not in', () => {
    const entries = roomListEntries(
      [open('/r/rust', 'rust'), open('/', 'lobby')],
      [listing('lobby', 9), listing('go', 4), listing('rust', 3), listing('zig', 1)],
      '/',
    );
    expect(entries.map((e) => [e.label, e.joined, e.current])).toEqual([
      ['rust', true, false],
      ['lobby', true, true],
      ['go', false, false],
      ['zig', false, false],
    ]);
  });

  it('counts online people from our own roster in a room we are in, else from the directory', () => {
    const entries = roomListEntries(
      [open('/', 'lobby', { online: 5 }), open('/r/go', 'go', { joined: false, online: null })],
      [listing('lobby', 9), listing('go', 4)],
      '/r/go',
    );
    expect(entries.map(entryName)).toEqual(['lobby, 5 online', 'go, 4 online']);
  });

  it('puts the room on screen whose login form shows after the joined ones, without unread counts', () => {
    const entries = roomListEntries(
      [
        open('/r/go', 'go', { joined: false, online: null, unread: 3 }),
        open('/', 'lobby', { unread: 2, mentions: 1 }),
      ],
      [],
      '/r/go',
    );
    expect(entries.map((e) => [e.label, e.unread, e.mentions, e.online])).toEqual([
      ['lobby', 2, 1, 2],
      ['go', 0, 0, 0],
    ]);
  });

  it('lists an unlisted room we are in under its label, linked by its path', () => {
    const key = `/r/~${'b'.repeat(64)}`;
    const [entry] = roomListEntries([open(key, 'Unlisted room')], [listing('lobby', 1)], key);
    expect(entry).toMatchObject({ href: key, label: 'Unlisted room', current: true });
  });
});

describe('roomActivity', () => {
  it("adds every conversation's unread messages and mentions", () => {
    expect(roomActivity([{ unread: 2, mentions: 1 }, { unread: 3 }, { unread: 0 }])).toEqual({
      unread: 5,
      mentions: 1,
    });
    expect(roomActivity([])).toEqual({ unread: 0, mentions: 0 });
  });
});
