// How the log groups rows, as chats do: consecutive messages from one sender (to the same
// recipient) within GROUP_WINDOW_MS of the group's first message share one header (name, time);
// a new day, a system line, a file card, or the step from history to live messages starts anew.
// Each day's first row carries a "Today" / "Yesterday" / date divider. Pure; message-log.tsx uses
// it, tested in test/unit/client/ui/format/grouping.test.ts.

import type { LineKind } from './log-line';

export const GROUP_WINDOW_MS = 5 * 60_000;

export interface GroupSource {
  kind: LineKind;
  at: number;
  from?: string;
  to?: string;
  earlier?: boolean;
  /** A file card row: drawn with its own lead, so it is never part of a group. */
  file?: string;
}

export interface RowPlace {
  /** Starts a group (draws the header); false for the later messages of a group. */
  head: boolean;
  /** The divider before this row, the first of its day; null inside a day. */
  day: string | null;
}

const dayKey = (at: number) => {
  const date = new Date(at);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
};

const DATE = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Today", "Yesterday" or the date (local time) of the day `at` falls in, as seen at `now`. */
export function dayLabel(at: number, now: number, format: (at: number) => string = (t) => DATE.format(t)) {
  const key = dayKey(at);
  if (key === dayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (key === dayKey(yesterday.getTime())) return 'Yesterday';
  return format(at);
}

const isMessage = (line: GroupSource) => line.kind !== 'system' && line.file === undefined;

export function groupRows(
  lines: readonly GroupSource[],
  now: number,
  format?: (at: number) => string,
): RowPlace[] {
  let head: GroupSource | null = null;
  let previousDay = '';
  return lines.map((line) => {
    const day = dayKey(line.at);
    const newDay = day !== previousDay;
    previousDay = day;
    const since = head ? line.at - head.at : -1;
    const grouped =
      head !== null &&
      isMessage(line) &&
      !newDay &&
      line.kind === head.kind &&
      line.from === head.from &&
      line.to === head.to &&
      (line.earlier ?? false) === (head.earlier ?? false) &&
      since >= 0 &&
      since <= GROUP_WINDOW_MS;
    if (!grouped) head = isMessage(line) ? line : null;
    return { head: !grouped, day: newDay ? dayLabel(line.at, now, format) : null };
  });
}
