// The durations an owner picks for a ban or a mute, and the slow-mode steps, with their labels
// (worded by #protocol/moderation-text, as the room words its system lines). Pure; used by
// sanction-dialog.tsx and room-settings-panel.tsx; tested in test/unit/client/ui/owner/sanction-choices.test.ts.

import { durationText } from '#protocol/moderation-text';

/** 10 minutes, 1 hour, 1 day, 7 days. */
export const SANCTION_MINUTES = [10, 60, 1440, 7 * 1440] as const;

/** Seconds between two Lobby messages per person; 0 is off. */
export const SLOW_MODE_STEPS = [0, 10, 30, 60, 300, 900] as const;

export function slowModeLabel(seconds: number): string {
  if (seconds === 0) return 'Off';
  if (seconds < 60) return `${seconds} s`;
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** The steps to offer: the standard ones, plus the room's own if it is set to another value. */
export function slowModeOptions(current: number): number[] {
  const steps: number[] = [...SLOW_MODE_STEPS];
  if (!steps.includes(current)) steps.push(current);
  return steps.sort((a, b) => a - b);
}

export { durationText };
