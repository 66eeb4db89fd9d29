// The owner frames' schemas (worker/protocol/moderation-messages.ts): what they accept and refuse.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCHEMAS } from '#protocol/client-messages';
import { SANCTION_MAX_MINUTES, SLOW_MODE_MAX_S, TOPIC_MAX } from '#protocol/moderation-messages';

const ok = (frame: { type: keyof typeof CLIENT_SCHEMAS }) =>
  v.safeParse(CLIENT_SCHEMAS[frame.type], frame).success;

describe('owner frames', () => {
  it('accept a topic up to TOPIC_MAX characters, and refuse a longer one', () => {
    expect(ok({ type: 'topic', topic: 'x'.repeat(TOPIC_MAX) } as never)).toBe(true);
    expect(ok({ type: 'topic', topic: 'x'.repeat(TOPIC_MAX + 1) } as never)).toBe(false);
  });

  it('take bans and mutes of 1 minute to 30 days, in whole minutes', () => {
    expect(ok({ type: 'ban', name: 'bob', minutes: 1 } as never)).toBe(true);
    expect(ok({ type: 'mute', name: 'bob', minutes: SANCTION_MAX_MINUTES } as never)).toBe(true);
    expect(ok({ type: 'ban', name: 'bob', minutes: 0 } as never)).toBe(false);
    expect(ok({ type: 'mute', name: 'bob', minutes: 1.5 } as never)).toBe(false);
    expect(ok({ type: 'ban', name: 'bob', minutes: SANCTION_MAX_MINUTES + 1 } as never)).toBe(false);
  });

  it('take slow mode from 0 (off) to an hour', () => {
    expect(ok({ type: 'slow_mode', seconds: 0 } as never)).toBe(true);
    expect(ok({ type: 'slow_mode', seconds: SLOW_MODE_MAX_S } as never)).toBe(true);
    expect(ok({ type: 'slow_mode', seconds: -1 } as never)).toBe(false);
  });

  it('bound the tokens the room will hash', () => {
    expect(ok({ type: 'owner', token: 'a'.repeat(512) } as never)).toBe(true);
    expect(ok({ type: 'owner', token: 'a'.repeat(513) } as never)).toBe(false);
    expect(ok({ type: 'owner', token: '' } as never)).toBe(false);
  });
});
