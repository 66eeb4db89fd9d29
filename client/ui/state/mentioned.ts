// Whether a message mentions us: `@ourname` (any case) in a Lobby or private message, or
// `@everyone` in a Lobby one (the room takes that only from its admin). Our own never does.
// The message feed (unread mentions, the row's highlight) and the page alerts ask it.

import { mentionsName } from '#protocol/mentions';
import { nameKey } from '#protocol/username';

export interface MentionSource {
  type: 'msg' | 'pm';
  from: string;
  text: string;
}

export function mentionsMe(entry: MentionSource, me: string | null): boolean {
  if (me === null || nameKey(entry.from) === nameKey(me)) return false;
  return mentionsName(entry.text, me, entry.type === 'msg');
}
