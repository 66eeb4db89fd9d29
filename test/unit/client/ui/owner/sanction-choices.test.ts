// The durations and slow-mode steps an owner picks from (client/ui/owner/sanction-choices.ts).

import { describe, expect, it } from 'vitest';
import { SLOW_MODE_MAX_S } from '#protocol/moderation-messages';
import {
  durationText,
  SANCTION_MINUTES,
  SLOW_MODE_STEPS,
  slowModeLabel,
  slowModeOptions,
} from '../../../../../client/ui/owner/sanction-choices';

describe('sanction choices', () => {
  it('offers 10 minutes, 1 hour, 1 day and 7 days for a ban or a mute', () => {
    expect(SANCTION_MINUTES.map(durationText)).toEqual(['10 minutes', '1 hour', '1 day', '7 days']);
  });

  it('labels the slow-mode steps, all within what the room accepts', () => {
    expect(SLOW_MODE_STEPS.map(slowModeLabel)).toEqual(['Off', '10 s', '30 s', '1 min', '5 min', '15 min']);
    expect(Math.max(...SLOW_MODE_STEPS)).toBeLessThanOrEqual(SLOW_MODE_MAX_S);
    expect(slowModeLabel(90)).toBe('90 s');
  });

  it("adds the room's own slow mode when it is not a standard step, in order", () => {
    expect(slowModeOptions(30)).toEqual([...SLOW_MODE_STEPS]);
    expect(slowModeOptions(45)).toEqual([0, 10, 30, 45, 60, 300, 900]);
  });
});
