// When a socket that has not got far enough must go: the key exchange within HANDSHAKE_DEADLINE_MS
// of connecting, the join within JOIN_DEADLINE_MS. ChatRoom arms its alarm for the earliest one due
// and closes overdue sockets with 4010. Pure; tested in test/unit/worker/room/admission/admission-check.test.ts.

import { HANDSHAKE_DEADLINE_MS, JOIN_DEADLINE_MS } from '../../protocol/limits';

export type DeadlineStage = 'handshake' | 'join';

export interface SocketDeadline {
  stage: DeadlineStage;
  at: number;
}

/** The deadline a socket still has to meet, or null once it has joined. */
/** The attachment fields it reads (structural, so that this module runs in Node tests too). */
export interface DeadlineFields {
  authed: boolean;
  name?: string | undefined;
  connectedAt: number;
}

export function deadlineOf(att: DeadlineFields): SocketDeadline | null {
  if (!att.authed) return { stage: 'handshake', at: att.connectedAt + HANDSHAKE_DEADLINE_MS };
  if (att.name === undefined) return { stage: 'join', at: att.connectedAt + JOIN_DEADLINE_MS };
  return null;
}
