// The wording of moderation's system lines and waits (worker/protocol/moderation-text.ts).

import { describe, expect, it } from 'vitest';
import { durationText, remainingText, systemText, waitText } from '#protocol/moderation-text';

describe('durationText', () => {
  it('names the largest whole unit, singular for one', () => {
    expect(durationText(1)).toBe('1 minute');
    expect(durationText(10)).toBe('10 minutes');
    expect(durationText(60)).toBe('1 hour');
    expect(durationText(90)).toBe('90 minutes');
    expect(durationText(180)).toBe('3 hours');
    expect(durationText(1440)).toBe('1 day');
    expect(durationText(30 * 1440)).toBe('30 days');
  });
});

describe('waits', () => {
  it('round up, so that waiting that long is always enough', () => {
    expect(waitText(1)).toBe('1 s');
    expect(waitText(12_001)).toBe('13 s');
    expect(remainingText(60_001)).toBe('2 minutes');
    expect(remainingText(0)).toBe('1 minute');
  });
});

describe('systemText', () => {
  it('says who was muted, for how long, and by whom', () => {
    expect(systemText({ action: 'mute', name: 'bob', minutes: 10 })).toBe(
      'bob was muted for 10 minutes by the room owner.',
    );
    expect(systemText({ action: 'ban', name: 'eve', minutes: 1440 })).toBe(
      'eve was banned for 1 day by the room owner.',
    );
  });

  it('tells a cleared topic from a changed one, and slow mode off from on', () => {
    expect(systemText({ action: 'topic', topic: '' })).toBe('The topic was cleared by the room owner.');
    expect(systemText({ action: 'topic', topic: 'x' })).toBe('The topic was changed by the room owner.');
    expect(systemText({ action: 'slow_mode', seconds: 0 })).toBe(
      'Slow mode was turned off by the room owner.',
    );
    expect(systemText({ action: 'slow_mode', seconds: 5 })).toContain('one message every 5 s');
  });
});
