// The sentences of moderation's system lines ("bob was muted for 10 minutes by the room owner") and
// of its waits ("12 s"): pure, so the room and a client word them alike. Used by
// worker/room/moderation/announce.ts; tested in test/unit/worker/protocol/moderation-text.test.ts.

const MINUTE_MS = 60_000;
const BY = 'by the room owner';

/** "1 minute", "10 minutes", "2 hours", "3 days": the largest whole unit, else minutes. */
export function durationText(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

/** A wait in whole seconds, rounded up so that waiting that long is always enough: "1 s", "90 s". */
export function waitText(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/** A remaining ban or mute, rounded up to the minute: "5 minutes". */
export function remainingText(ms: number): string {
  return durationText(Math.max(1, Math.ceil(ms / MINUTE_MS)));
}

export type SystemLine =
  | { action: 'topic'; topic: string }
  | { action: 'visibility'; listed: boolean }
  | { action: 'kick' | 'unban' | 'unmute' | 'delete'; name: string }
  | { action: 'ban' | 'mute'; name: string; minutes: number }
  | { action: 'slow_mode'; seconds: number }
  | { action: 'close' };

export function systemText(line: SystemLine): string {
  switch (line.action) {
    case 'topic':
      return line.topic === '' ? `The topic was cleared ${BY}.` : `The topic was changed ${BY}.`;
    case 'visibility':
      return line.listed
        ? `The room was made public (listed in the directory) ${BY}.`
        : `The room was made unlisted (only people with its link can find it) ${BY}.`;
    case 'kick':
      return `${line.name} was removed from the room ${BY}.`;
    case 'ban':
      return `${line.name} was banned for ${durationText(line.minutes)} ${BY}.`;
    case 'unban':
      return `${line.name} was unbanned ${BY}.`;
    case 'mute':
      return `${line.name} was muted for ${durationText(line.minutes)} ${BY}.`;
    case 'unmute':
      return `${line.name} was unmuted ${BY}.`;
    case 'delete':
      return `A message by ${line.name} was deleted ${BY}.`;
    case 'slow_mode':
      return line.seconds === 0
        ? `Slow mode was turned off ${BY}.`
        : `Slow mode was turned on ${BY}: one message every ${line.seconds} s per person.`;
    case 'close':
      return `The room was closed ${BY}. Its history and files are deleted.`;
    default:
      return line satisfies never;
  }
}
