// A client's flow ack (the binary payload of worker/protocol/flow-ack-codec.ts): the outbox counts
// it, releases held answers, and a running resume replay sends its next pages.
// Applied before the rate limit (encrypted-frame.ts), because an advancing ack is free.

import type { FlowAck } from '../../protocol/flow-ack-codec';
import type { LiveSocket } from '../live-socket';
import type { RoomContext } from '../room-context';
import type { AckVerdict } from '../socket-flow';
import { continueReplay } from './history';

export function applyFlowAck(room: RoomContext, live: LiveSocket, ack: FlowAck): AckVerdict {
  const verdict = room.outbox.ack(live, ack.hi, ack.bytes);
  if (verdict === 'advance' && live.att.replay) continueReplay(room, live);
  return verdict;
}
