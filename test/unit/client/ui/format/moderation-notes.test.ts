// The client's moderation sentences (client/ui/format/moderation-notes.ts): what an owner did to us,
// why a session ended, and why the composer holds, with the time left.

import { describe, expect, it } from 'vitest';
import { endedText, holdText, moderatedText } from '../../../../../client/ui/format/moderation-notes';

const MIN = 60_000;

describe('moderation notes', () => {
  it('says what an owner did to us, with the length rounded to the minute and the reason', () => {
    expect(moderatedText({ action: 'mute', until: 10 * MIN + 400, reason: 'spam' }, 0)).toBe(
      'You were muted for 10 minutes by the room owner: spam',
    );
    expect(moderatedText({ action: 'ban', until: 1440 * MIN - 900 }, 0)).toBe(
      'You were banned from this room for 1 day by the room owner.',
    );
    expect(moderatedText({ action: 'kick', reason: 'cool off' }, 0)).toBe(
      'You were removed from the room by the room owner: cool off',
    );
    expect(moderatedText({ action: 'unmute' }, 0)).toBe(
      'You were unmuted by the room owner. You can send messages again.',
    );
  });

  it('says why a session ended when no reason came first', () => {
    expect(endedText('kicked')).toBe('You were removed from the room by the room owner. You may join again.');
    expect(endedText('banned', 5 * MIN - 1)).toBe(
      'You are banned from this room by the room owner for 5 minutes more.',
    );
    expect(endedText('room_closed')).toContain('This room was closed by the room owner.');
  });

  it('gives the time left of a mute in minutes and of a slow-mode wait in seconds, rounded up', () => {
    expect(holdText({ muted: true, untilMs: 90 * MIN }, 30 * MIN + 1)).toBe(
      'You are muted by the room owner for 1 hour more. You can still read; your text is kept.',
    );
    expect(holdText({ muted: false, untilMs: 12_001 }, 0)).toBe(
      'Slow mode is on: you can send your next message in 13 s.',
    );
  });
});
