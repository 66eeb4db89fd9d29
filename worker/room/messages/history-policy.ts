// How much public history the room keeps: the HISTORY_MAX_MESSAGES and HISTORY_MAX_DAYS vars,
// whichever is less, with the defaults from worker/protocol/limits.ts.

import { DEFAULT_HISTORY_DAYS, DEFAULT_HISTORY_MESSAGES } from '../../protocol/limits';
import type { HistoryPolicy } from './message-store';

const DAY_MS = 24 * 60 * 60 * 1000;

export function historyPolicy(env: {
  HISTORY_MAX_MESSAGES?: string;
  HISTORY_MAX_DAYS?: string;
}): HistoryPolicy {
  return {
    maxMessages: Math.floor(positive(env.HISTORY_MAX_MESSAGES, DEFAULT_HISTORY_MESSAGES)),
    maxAgeMs: positive(env.HISTORY_MAX_DAYS, DEFAULT_HISTORY_DAYS) * DAY_MS,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}
