// Unit tests for client/ui/state/unread.ts: what counts as unread, the badge and its text, and
// the page title.

import { describe, expect, it } from 'vitest';
import {
  countsAsUnread,
  documentTitle,
  totalUnread,
  unreadBadge,
  unreadText,
} from '../../../../../client/ui/state/unread';

describe('countsAsUnread', () => {
  it('counts a message in another tab, whether or not the person is looking', () => {
    expect(countsAsUnread('bob', '#lobby', true)).toBe(true);
    expect(countsAsUnread('bob', '#lobby', false)).toBe(true);
  });

  it('counts a message in the open tab only while the page is hidden or unfocused', () => {
    expect(countsAsUnread('#lobby', '#lobby', true)).toBe(false);
    expect(countsAsUnread('#lobby', '#lobby', false)).toBe(true);
  });
});

describe('badges and the title', () => {
  it('adds up every tab', () => {
    expect(totalUnread([])).toBe(0);
    expect(totalUnread([{ unread: 0 }, { unread: 2 }, { unread: 1 }])).toBe(3);
  });

  it('shows no badge for nothing, the number up to 99, then 99+', () => {
    expect(unreadBadge(0)).toBeNull();
    expect(unreadBadge(1)).toBe('1');
    expect(unreadBadge(99)).toBe('99');
    expect(unreadBadge(100)).toBe('99+');
  });

  it('says "3 unread" to assistive technology', () => {
    expect(unreadText(3)).toBe('3 unread');
  });

  it('marks a badge with unread mentions "@3" and says "3 unread, mentioned"', () => {
    expect(unreadBadge(3, 1)).toBe('@3');
    expect(unreadBadge(120, 2)).toBe('@99+');
    expect(unreadBadge(0, 0)).toBeNull();
    expect(unreadText(3, 1)).toBe('3 unread, mentioned');
    expect(unreadText(3, 0)).toBe('3 unread');
  });

  it('titles the page "ChatSpace", or "(3) ChatSpace" with 3 unread', () => {
    expect(documentTitle(0)).toBe('ChatSpace');
    expect(documentTitle(3)).toBe('(3) ChatSpace');
    expect(documentTitle(250)).toBe('(99+) ChatSpace');
  });

  it("puts a room's name before the app's, after the unread count", () => {
    expect(documentTitle(0, 'rust')).toBe('rust · ChatSpace');
    expect(documentTitle(3, 'rust')).toBe('(3) rust · ChatSpace');
    expect(documentTitle(0, 'rust', 'Talk about Rust')).toBe('rust — Talk about Rust · ChatSpace');
    expect(documentTitle(2, 'rust', 'Talk about Rust')).toBe('(2) rust — Talk about Rust · ChatSpace');
  });
});
