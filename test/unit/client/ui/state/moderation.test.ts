// The page's moderation model (client/ui/state/moderation.ts): settings and role from `joined` and
// the room's notices, system lines handed to the log, the mute and slow-mode holds with the time
// left (ticking, and ending by themselves), the words of a kick for the close after it, and owner
// actions that say so when offline. Times are a fake room clock.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { LogLine } from '../../../../../client/ui/state/log-lines';
import { canDelete } from '../../../../../client/ui/state/message-updates';
import { createModeration, type ModerationDeps } from '../../../../../client/ui/state/moderation';

const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

function model(online = true) {
  const lines: string[] = [];
  const alerts: string[] = [];
  const sent: unknown[] = [];
  const deps: ModerationDeps = {
    sendOwner: (frame) => {
      sent.push(frame);
      return online;
    },
    roomNow: () => Date.now(),
    alert: (text) => alerts.push(text),
    systemLine: (text) => lines.push(text),
  };
  return { mod: createModeration(deps), lines, alerts, sent };
}

const joined = (extra: Partial<ServerMessageOf<'joined'>> = {}): ServerMessageOf<'joined'> => ({
  type: 'joined',
  name: 'bob',
  token: 't',
  users: ['bob'],
  resumed: false,
  at: Date.now(),
  room: { topic: 'Rust', listed: true, slowModeS: 0 },
  ...extra,
});

describe('moderation model', () => {
  it('learns the settings and the role from joined, and follows room_settings and role', () => {
    const { mod } = model();
    mod.joined(joined());
    expect(mod.settings.value).toEqual({ topic: 'Rust', listed: true, slowModeS: 0 });
    expect(mod.owner.value).toBe(false);
    mod.receive({ type: 'room_settings', settings: { topic: 'Go', listed: false, slowModeS: 30 } });
    expect(mod.settings.value?.topic).toBe('Go');
    mod.receive({ type: 'role', owner: true, admin: false });
    expect(mod.owner.value).toBe(true);
  });

  it('hands system lines to the log as their text', () => {
    const { mod, lines } = model();
    mod.receive({ type: 'system', action: 'kick', text: 'bob was removed.', at: 1, name: 'bob' });
    expect(lines).toEqual(['bob was removed.']);
  });

  it('holds the composer while muted, counting down, and lets go when the mute ends', () => {
    const { mod } = model();
    mod.joined(joined());
    mod.receive({ type: 'moderated', action: 'mute', until: Date.now() + 10 * MIN, reason: 'spam' });
    expect(mod.notice.value).toBe('You were muted for 10 minutes by the room owner: spam');
    expect(mod.hold.value).toMatchObject({ muted: true });
    expect(mod.hold.value?.text).toContain('for 10 minutes more');
    vi.advanceTimersByTime(9 * MIN + 30_000);
    expect(mod.hold.value?.text).toContain('for 1 minute more');
    vi.advanceTimersByTime(31_000);
    expect(mod.hold.value).toBeNull();
  });

  it('takes a mute from joined after a reload, and lifts it on unmute', () => {
    const { mod } = model();
    mod.joined(joined({ mutedUntil: Date.now() + 5 * MIN }));
    expect(mod.hold.value?.muted).toBe(true);
    mod.receive({ type: 'moderated', action: 'unmute' });
    expect(mod.hold.value).toBeNull();
  });

  it('holds Lobby messages for slow mode after our own, or after a slow_mode refusal, but not an owner', () => {
    const { mod } = model();
    mod.joined(joined({ room: { topic: '', listed: true, slowModeS: 30 } }));
    mod.sentPublic(Date.now());
    expect(mod.hold.value).toMatchObject({ muted: false });
    expect(mod.hold.value?.text).toBe('Slow mode is on: you can send your next message in 30 s.');
    vi.advanceTimersByTime(30_000);
    expect(mod.hold.value).toBeNull();
    mod.refused('slow_mode', 12_000);
    expect(mod.hold.value?.text).toContain('in 12 s');
    mod.receive({ type: 'role', owner: true, admin: false });
    expect(mod.hold.value).toBeNull();
  });

  it('counts slow mode from the send, and the echo that comes later only moves the wait later', () => {
    const { mod } = model();
    mod.joined(joined({ room: { topic: '', listed: true, slowModeS: 30 } }));
    const sent = Date.now();
    mod.sentPublic(sent);
    expect(mod.slowUntil.value).toBe(sent + 30_000);
    mod.sentPublic(sent + 200);
    expect(mod.slowUntil.value).toBe(sent + 30_200);
    mod.sentPublic(sent - 5_000);
    expect(mod.slowUntil.value).toBe(sent + 30_200);
  });

  it("keeps a kick's words for the close that follows, else gives a plain reason", () => {
    const { mod } = model();
    mod.receive({ type: 'moderated', action: 'kick', reason: 'cool off' });
    expect(mod.endedText('kicked')).toBe('You were removed from the room by the room owner: cool off');
    mod.refused('banned', 3 * MIN);
    expect(mod.endedText('banned')).toBe(
      'You are banned from this room by the room owner for 3 minutes more.',
    );
  });

  it('sends owner actions, and says so when offline', () => {
    const online = model();
    expect(online.mod.act({ type: 'kick', name: 'bob' })).toBe(true);
    expect(online.sent).toEqual([{ type: 'kick', name: 'bob' }]);
    const offline = model(false);
    expect(offline.mod.act({ type: 'topic', topic: 'x' })).toBe(false);
    expect(offline.alerts).toHaveLength(1);
  });
});

describe('Delete for owners', () => {
  const line = (kind: LogLine['kind'], from: string): LogLine => ({
    key: 'm:1',
    id: 1,
    kind,
    at: 0,
    from,
    text: 'hi',
  });
  const isMe = (name: string) => name === 'alice';

  it("offers an owner Delete on anyone's Lobby message, never on a private one", () => {
    expect(canDelete(line('public', 'bob'), isMe)).toBe(false);
    expect(canDelete(line('public', 'bob'), isMe, true)).toBe(true);
    expect(canDelete(line('private', 'bob'), isMe, true)).toBe(false);
    expect(canDelete({ ...line('public', 'bob'), deleted: true }, isMe, true)).toBe(false);
  });
});
