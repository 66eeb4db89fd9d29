// Unit tests for client/ui/state/alert-policy.ts: chime and desktop notification only while the
// person is not looking, never for their own messages, notifications for private ones only.

import { describe, expect, it } from 'vitest';
import { type AlertContext, alertFor, CHIME_GAP_MS } from '../../../../../client/ui/state/alert-policy';

const away: AlertContext = {
  attending: false,
  soundOn: true,
  notificationsOn: true,
  now: 100_000,
  lastChimeAt: null,
};

describe('alertFor', () => {
  it('chimes for any message and notifies for a private one while the person is away', () => {
    expect(alertFor({ kind: 'public', fromMe: false }, away)).toEqual({ chime: true, notify: false });
    expect(alertFor({ kind: 'private', fromMe: false }, away)).toEqual({ chime: true, notify: true });
  });

  it('stays quiet while the person is looking, and for their own messages', () => {
    expect(alertFor({ kind: 'private', fromMe: false }, { ...away, attending: true })).toEqual({
      chime: false,
      notify: false,
    });
    expect(alertFor({ kind: 'private', fromMe: true }, away)).toEqual({ chime: false, notify: false });
  });

  it('respects the "Sound" and "Desktop notifications" settings', () => {
    expect(alertFor({ kind: 'private', fromMe: false }, { ...away, soundOn: false })).toEqual({
      chime: false,
      notify: true,
    });
    expect(alertFor({ kind: 'private', fromMe: false }, { ...away, notificationsOn: false })).toEqual({
      chime: true,
      notify: false,
    });
  });

  it('notifies for a Lobby message that mentions us, and rings for it even within the gap', () => {
    const mention = { kind: 'public', fromMe: false, mention: true } as const;
    expect(alertFor(mention, away)).toEqual({ chime: true, notify: true });
    expect(alertFor(mention, { ...away, lastChimeAt: away.now - 1 })).toEqual({ chime: true, notify: true });
    expect(alertFor(mention, { ...away, soundOn: false, notificationsOn: false })).toEqual({
      chime: false,
      notify: false,
    });
    expect(alertFor(mention, { ...away, attending: true })).toEqual({ chime: false, notify: false });
  });

  it('chimes at most once per gap, so a busy room does not ring continuously', () => {
    const message = { kind: 'public', fromMe: false } as const;
    expect(alertFor(message, { ...away, lastChimeAt: away.now - CHIME_GAP_MS + 1 }).chime).toBe(false);
    expect(alertFor(message, { ...away, lastChimeAt: away.now - CHIME_GAP_MS }).chime).toBe(true);
  });
});
