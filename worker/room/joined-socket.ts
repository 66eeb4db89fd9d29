// A socket that has joined: its attachment holds the name and the session that owns its private
// history. dispatch.ts narrows a LiveSocket to this once, so the handlers need no `!` on either.

import type { LiveSocket } from './live-socket';
import type { SocketAttachment } from './socket-attachment';

export type JoinedAttachment = SocketAttachment & { name: string; session: string };

export interface JoinedSocket extends LiveSocket {
  readonly att: JoinedAttachment;
}

export function isJoined(live: LiveSocket): live is JoinedSocket {
  return live.att.name !== undefined && live.att.session !== undefined;
}

/** Gives the socket its name and session (handlers/join.ts). */
export function markJoined(live: LiveSocket, name: string, session: string): JoinedSocket {
  live.att.name = name;
  live.att.session = session;
  if (!isJoined(live)) throw new TypeError('a socket with a name and a session is joined');
  return live;
}

/** The socket gives its name up (replaced by the same user's newer socket); it is then closed. */
export function markUnjoined(live: LiveSocket): void {
  live.att.name = undefined;
}
