// The sentences the client shows about moderation (issue 14): what a room owner did to us (the
// `moderated` banner, the reason a kick, ban or closed room ended the session) and why the composer
// holds (muted, slow mode). Pure; the times are the room's clock. Wording of waits and durations
// comes from #protocol/moderation-text, so the room and the client say them alike.
// Tested in test/unit/client/ui/format/moderation-notes.test.ts.

import type { SystemAction } from '#protocol/moderation-messages';
import { durationText, remainingText, waitText } from '#protocol/moderation-text';
import type { FinalClose } from '../../core/close-policy';

const BY = 'by the room owner';
const withReason = (text: string, reason?: string) => (reason ? `${text}: ${reason}` : `${text}.`);

export interface ModeratedNote {
  action: SystemAction;
  reason?: string;
  until?: number;
}

/**
 * What a `moderated` frame says to us, e.g. "You were muted for 10 minutes by the room owner: spam".
 * The length is rounded to the nearest minute: our estimate of the room's clock is a little off.
 */
export function moderatedText(note: ModeratedNote, now: number): string {
  const minutes = note.until === undefined ? 0 : Math.max(1, Math.round((note.until - now) / 60_000));
  const left = note.until === undefined ? '' : ` for ${durationText(minutes)}`;
  switch (note.action) {
    case 'mute':
      return withReason(`You were muted${left} ${BY}`, note.reason);
    case 'unmute':
      return `You were unmuted ${BY}. You can send messages again.`;
    case 'kick':
      return withReason(`You were removed from the room ${BY}`, note.reason);
    case 'ban':
      return withReason(`You were banned from this room${left} ${BY}`, note.reason);
    case 'delete':
      return withReason(`One of your messages was deleted ${BY}`, note.reason);
    case 'close':
      return withReason(`This room was closed ${BY}. Its history and files are deleted`, note.reason);
    default:
      return withReason(`A room owner acted on your account (${note.action})`, note.reason);
  }
}

/** Why the session ended when no `moderated` frame said more (e.g. a banned join). */
export function endedText(why: FinalClose, retryMs?: number): string {
  switch (why) {
    case 'kicked':
      return `You were removed from the room ${BY}. You may join again.`;
    case 'banned':
      return retryMs === undefined
        ? `You are banned from this room ${BY}.`
        : `You are banned from this room ${BY} for ${remainingText(retryMs)} more.`;
    case 'room_closed':
      return `This room was closed ${BY}. Its history and files are deleted.`;
    default:
      return why satisfies never;
  }
}

/** The composer's note while we are muted (it is disabled then), or must wait out slow mode. */
export function holdText(hold: { muted: boolean; untilMs: number }, now: number): string {
  return hold.muted
    ? `You are muted ${BY} for ${remainingText(hold.untilMs - now)} more. You can still read; your text is kept.`
    : `Slow mode is on: you can send your next message in ${waitText(hold.untilMs - now)}.`;
}
