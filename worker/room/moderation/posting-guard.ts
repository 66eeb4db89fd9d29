// What a mute and slow mode refuse. A muted member may read but not send: Lobby and private
// messages, edits, reactions and file offers are refused with `muted` and the time left. Slow mode
// allows one Lobby message every N seconds per name: the next is refused with `slow_mode` and the
// wait. Owners are exempt from both. Used by handlers/chat.ts and dispatch.ts; tested in
// test/worker/moderation-mute.test.ts and moderation-slow-mode.test.ts.

import type { ErrorCode } from '../../protocol/errors';
import { remainingText, waitText } from '../../protocol/moderation-text';
import { nameKey } from '../../protocol/username';
import type { JoinedSocket } from '../joined-socket';
import type { ModerationStore } from './moderation-store';
import { isOwner } from './owner-proof';

export interface PostingRefusal {
  code: Extract<ErrorCode, 'muted' | 'slow_mode'>;
  retryMs: number;
  /** "for 5 minutes", "wait 12 s": appended to the error's message. */
  detail: string;
}

/**
 * Why `live` may not send this now, or null. `lobbyMessage` is true for a Lobby message (slow mode
 * counts those); it is then recorded as the name's last post, so call this once per message.
 */
export function postingRefusal(
  moderation: ModerationStore,
  live: JoinedSocket,
  lobbyMessage: boolean,
  now: number,
): PostingRefusal | null {
  if (isOwner(live)) return null;
  const key = nameKey(live.att.name);
  const mute = moderation.active('mute', key, live.att.session, now);
  if (mute)
    return { code: 'muted', retryMs: mute.until - now, detail: `for ${remainingText(mute.until - now)}` };
  const slowMs = moderation.settings().slowModeS * 1000;
  if (!lobbyMessage || slowMs === 0) return null;
  const last = moderation.lastPostAt(key);
  if (last !== null && now - last < slowMs) {
    const retryMs = last + slowMs - now;
    return { code: 'slow_mode', retryMs, detail: `wait ${waitText(retryMs)}` };
  }
  moderation.recordPost(key, now);
  return null;
}
