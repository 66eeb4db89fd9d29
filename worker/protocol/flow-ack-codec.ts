// Outbound flow control (worker/room/socket-flow.ts): the client acknowledges the room's frames
// cumulatively, so the room knows how much it has sent that the client has not yet read. The ack is
// a fixed-size binary payload inside an encrypted frame (like chunk-codec.ts; JSON starts with '{'):
// the room gets one per busy member every FLOW_ACK_DELAY_MS, so it is recognised without JSON or a schema.
//
//   offset  size  field
//   0       1     kind: 0x02 = flow ack
//   1       4     hi: the wake epoch (high word of the room's sequence numbers), big-endian
//   5       8     bytes: ciphertext bytes of the room's frames received in that epoch, in total,
//                 big-endian, at most 2^53 − 1
//
// Sent when 64 KiB (FLOW_ACK_BYTES) are unacknowledged, else FLOW_ACK_DELAY_MS after the first
// frame not yet acknowledged; never while no frames arrive, so an idle room still hibernates.
// An ack that raises the count is free; one that does not spends a rate-limit token; one past
// what the room sent is refused with `bad_ack`, a malformed one with `bad_field`. A reader that
// falls too far behind is closed with 4009 (slow_consumer) and catches up by resuming with `since`.
// Round trip and every malformed length: test/unit/worker/protocol/flow-ack-codec.test.ts.

import type { Bytes } from '../crypto/base64';

/** The client acknowledges once this many bytes are unacknowledged… */
export const FLOW_ACK_BYTES = 64 * 1024;
/**
 * …or this long after the first frame not yet acknowledged arrived. The byte threshold drives the
 * acks wherever the window matters (pages, replays, file data); this delay only shows the room that
 * a slow stream is being read, well within FLOW_ACK_TIMEOUT_MS (20 s). It was 250 ms: at 1,000 busy
 * members that was 4,000 ack frames a second for the room to open, where 2 s makes it 500.
 */
export const FLOW_ACK_DELAY_MS = 2000;

export const FLOW_ACK_KIND = 0x02;
export const FLOW_ACK_PAYLOAD_BYTES = 13;

export interface FlowAck {
  /** The wake epoch the count belongs to. */
  hi: number;
  /** Ciphertext bytes received in epoch `hi`. */
  bytes: number;
}

const TWO_32 = 2 ** 32;

/** Whether a decrypted payload claims to be a flow ack (it may still be malformed). */
export function isFlowAckPayload(plaintext: Uint8Array): boolean {
  return plaintext[0] === FLOW_ACK_KIND;
}

/** Throws a RangeError for counts the format cannot carry (a bug in the caller, not input). */
export function encodeFlowAck({ hi, bytes }: FlowAck): Bytes {
  if (!Number.isInteger(hi) || hi < 0 || hi >= TWO_32) throw new RangeError('hi must be a u32');
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError('bytes must be a safe integer ≥ 0');
  const out = new Uint8Array(FLOW_ACK_PAYLOAD_BYTES);
  const view = new DataView(out.buffer);
  out[0] = FLOW_ACK_KIND;
  view.setUint32(1, hi);
  view.setUint32(5, Math.floor(bytes / TWO_32));
  view.setUint32(9, bytes % TWO_32);
  return out;
}

/** Returns null for a payload that is not a well-formed flow ack (wrong kind, length or a count past 2^53 − 1). */
export function decodeFlowAck(plaintext: Uint8Array): FlowAck | null {
  if (plaintext.byteLength !== FLOW_ACK_PAYLOAD_BYTES || plaintext[0] !== FLOW_ACK_KIND) return null;
  const view = new DataView(plaintext.buffer, plaintext.byteOffset, FLOW_ACK_PAYLOAD_BYTES);
  const high = view.getUint32(5);
  // 2^53 − 1 = (2^21 − 1) · 2^32 + (2^32 − 1): a high word past 2^21 − 1 cannot be a safe integer.
  if (high >= 2 ** 21) return null;
  return { hi: view.getUint32(1), bytes: high * TWO_32 + view.getUint32(9) };
}
