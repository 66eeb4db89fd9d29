// The /admin "Room" picker's option text: a public room by its slug, an unlisted one by the start
// of its id, each with its member count and its topic when it has one.

import { describe, expect, it } from 'vitest';
import { roomText } from '../../../../client/admin/room-text';

describe('roomText', () => {
  it('names a public room by its slug, with its count and topic', () => {
    expect(roomText({ room: 'rust', listed: true, members: 3, topic: '' })).toBe('rust, 3 online');
    expect(roomText({ room: 'rust', listed: true, members: 1, topic: 'Borrowing' })).toBe(
      'rust, 1 online: Borrowing',
    );
  });

  it('names an unlisted room by ~ and the first 8 digits of its id', () => {
    const room = `~${'0123456789abcdef'.repeat(4)}`;
    expect(roomText({ room, listed: false, members: 0, topic: '' })).toBe('~01234567… (unlisted), 0 online');
  });
});
