// A client's flow ack ({type:'flow', hi, bytes}, worker/protocol/flow-messages.ts): the outbox
// counts it, releases held answers, and a running resume replay sends its next pages.
// Applied before the rate limit (encrypted-frame.ts), because an advancing ack is free.

import type { ClientMessageOf } from '../../protocol/client-messages';
import type { LiveSocket } from '../live-socket';
import type { RoomContext } from '../room-context';
import type { AckVerdict } from '../socket-flow';
import { continueReplay } from './history';

export function applyFlowAck(room: RoomContext, live: LiveSocket, msg: ClientMessageOf<'flow'>): AckVerdict {
  const verdict = room.outbox.ack(live, msg.hi, msg.bytes);
  if (verdict === 'advance') continueReplay(room, live);
  return verdict;
}
