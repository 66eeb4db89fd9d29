// Room addresses: the slug rules, the paths of the default, public and unlisted rooms, and the
// header the worker sets for the room, which must round-trip and refuse anything else.

import { describe, expect, it } from 'vitest';
import {
  decodeRoomHeader,
  encodeRoomHeader,
  roomFromPath,
  roomPath,
  roomSocketPath,
  slugProblem,
} from '#protocol/room-address';

const HEX = 'a1'.repeat(32);

describe('a room slug', () => {
  it('may have 1 to 32 lowercase letters, digits and hyphens', () => {
    for (const good of ['a', 'lobby', 'rust-2026', '-', 'x'.repeat(32)])
      expect(slugProblem(good), good).toBeNull();
  });

  it('is refused with bad_room_name when empty, too long, upper case or with other characters', () => {
    for (const bad of ['', 'x'.repeat(33), 'Lobby', 'a_b', 'a b', 'café', 'a/b', '~abc', 'a.b']) {
      expect(slugProblem(bad), bad).toBe('bad_room_name');
    }
  });
});

describe('a page path', () => {
  it('names the lobby at /, a public room at /r/<slug> and an unlisted one at /r/~<hex>', () => {
    expect(roomFromPath('/')).toEqual({ kind: 'public', slug: 'lobby' });
    expect(roomFromPath('/r/rust')).toEqual({ kind: 'public', slug: 'rust' });
    expect(roomFromPath('/r/rust/')).toEqual({ kind: 'public', slug: 'rust' });
    expect(roomFromPath(`/r/~${HEX}`)).toEqual({ kind: 'unlisted', id: HEX });
  });

  it('gives a reason for a room path breaking the rules, and null for any other path', () => {
    expect(roomFromPath('/r/Rust')).toBe('bad_room_name');
    expect(roomFromPath('/r/')).toBe('bad_room_name');
    expect(roomFromPath('/r/~abc')).toBe('unknown_room');
    expect(roomFromPath(`/r/~${HEX.toUpperCase()}`)).toBe('unknown_room');
    expect(roomFromPath('/admin')).toBeNull();
    expect(roomFromPath('/r/a/b')).toBeNull();
  });

  it('round-trips through roomPath, with the lobby at / and its socket at /ws as before rooms', () => {
    for (const path of ['/', '/r/rust', `/r/~${HEX}`]) {
      const room = roomFromPath(path);
      if (room === null || typeof room === 'string') throw new Error(path);
      expect(roomPath(room)).toBe(path);
    }
    expect(roomSocketPath({ kind: 'public', slug: 'lobby' })).toBe('/ws');
    expect(roomSocketPath({ kind: 'public', slug: 'rust' })).toBe('/r/rust/ws');
    expect(roomSocketPath({ kind: 'unlisted', id: HEX })).toBe(`/r/~${HEX}/ws`);
  });
});

describe('the room header', () => {
  it('round-trips a public and an unlisted room', () => {
    for (const room of [{ kind: 'public', slug: 'rust' } as const, { kind: 'unlisted', id: HEX } as const]) {
      expect(decodeRoomHeader(encodeRoomHeader(room))).toEqual(room);
    }
  });

  it('is refused when missing or malformed', () => {
    for (const bad of [null, '', 'public:', 'public:Rust', 'unlisted:abc', 'private:rust', 'rust']) {
      expect(decodeRoomHeader(bad), String(bad)).toBeNull();
    }
  });
});
