// Outbound flow control (worker/room/socket-flow.ts): the client acknowledges the room's frames
// cumulatively, so the room knows how much it has sent that the client has not yet read.
//
// client → room  { type: 'flow', hi, bytes }
//   hi:    the wake epoch (high word of the room's sequence numbers) the count belongs to;
//   bytes: ciphertext bytes of the room's frames received in that epoch, in total.
// Sent when 64 KiB (FLOW_ACK_BYTES) are unacknowledged, else at most FLOW_ACK_DELAY_MS after the
// first frame not yet acknowledged; never while no frames arrive, so an idle room still hibernates.
// An ack that raises the count is free; one that does not spends a rate-limit token; one past
// what the room sent is refused with `bad_ack`. A reader that falls too far behind is closed
// with 4009 (slow_consumer) and catches up by resuming with `since`.

import * as v from 'valibot';

/** The client acknowledges once this many bytes are unacknowledged… */
export const FLOW_ACK_BYTES = 64 * 1024;
/** …or at most this long after the first frame not yet acknowledged arrived. */
export const FLOW_ACK_DELAY_MS = 250;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const FlowAck = v.object({ type: v.literal('flow'), hi: Count, bytes: Count });

export const FLOW_CLIENT_SCHEMAS = { flow: FlowAck } as const;
