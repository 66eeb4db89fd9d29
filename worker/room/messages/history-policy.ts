// How much public history the room keeps: the HISTORY_MAX_MESSAGES and HISTORY_MAX_DAYS settings
// (worker/config.ts), whichever is less.

import type { Config } from '../../config';
import type { HistoryPolicy } from './message-store';

const DAY_MS = 24 * 60 * 60 * 1000;

export function historyPolicy(
  config: Pick<Config, 'HISTORY_MAX_MESSAGES' | 'HISTORY_MAX_DAYS'>,
): HistoryPolicy {
  return {
    maxMessages: Math.floor(config.HISTORY_MAX_MESSAGES),
    maxAgeMs: config.HISTORY_MAX_DAYS * DAY_MS,
  };
}
