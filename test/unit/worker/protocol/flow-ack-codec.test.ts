// The binary flow ack (worker/protocol/flow-ack-codec.ts): what the client core encodes the room
// decodes, and anything but exactly 13 bytes of kind 0x02 with a safe count decodes to null (the
// room answers null with bad_field: test/worker/flow-control.test.ts).

import { describe, expect, it } from 'vitest';
import {
  decodeFlowAck,
  encodeFlowAck,
  FLOW_ACK_KIND,
  FLOW_ACK_PAYLOAD_BYTES,
  isFlowAckPayload,
} from '#protocol/flow-ack-codec';

describe('flow ack codec', () => {
  it('round-trips the epoch and byte count at their edges', () => {
    for (const ack of [
      { hi: 0, bytes: 0 },
      { hi: 7, bytes: 412 },
      { hi: 2 ** 32 - 1, bytes: 2 ** 32 },
      { hi: 1, bytes: Number.MAX_SAFE_INTEGER },
    ]) {
      const payload = encodeFlowAck(ack);
      expect(payload.byteLength).toBe(FLOW_ACK_PAYLOAD_BYTES);
      expect(isFlowAckPayload(payload)).toBe(true);
      expect(decodeFlowAck(payload)).toEqual(ack);
    }
  });

  it('lays the fields out as docs/protocol.md says: kind, hi and bytes big-endian', () => {
    expect([...encodeFlowAck({ hi: 0x01020304, bytes: 0x0506_0708_090a })]).toEqual([
      0x02, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
    ]);
  });

  it('decodes a payload that is a view into a larger buffer', () => {
    const buffer = new Uint8Array(40);
    buffer.set(encodeFlowAck({ hi: 3, bytes: 99 }), 10);
    expect(decodeFlowAck(buffer.subarray(10, 23))).toEqual({ hi: 3, bytes: 99 });
  });

  it('refuses every length but 13', () => {
    const good = encodeFlowAck({ hi: 5, bytes: 1000 });
    for (let length = 0; length <= 64; length++) {
      if (length === FLOW_ACK_PAYLOAD_BYTES) continue;
      const payload = new Uint8Array(length);
      payload.set(good.subarray(0, Math.min(length, good.byteLength)));
      if (length > 0) payload[0] = FLOW_ACK_KIND;
      expect(decodeFlowAck(payload)).toBeNull();
    }
  });

  it('refuses another kind and a count past 2^53 − 1', () => {
    const otherKind = encodeFlowAck({ hi: 5, bytes: 1000 });
    otherKind[0] = 0x01;
    expect(isFlowAckPayload(otherKind)).toBe(false);
    expect(decodeFlowAck(otherKind)).toBeNull();
    const huge = encodeFlowAck({ hi: 5, bytes: 0 });
    new DataView(huge.buffer).setBigUint64(5, 2n ** 53n);
    expect(decodeFlowAck(huge)).toBeNull();
  });

  it('will not encode counts the format cannot carry', () => {
    expect(() => encodeFlowAck({ hi: -1, bytes: 0 })).toThrow(RangeError);
    expect(() => encodeFlowAck({ hi: 2 ** 32, bytes: 0 })).toThrow(RangeError);
    expect(() => encodeFlowAck({ hi: 0, bytes: 2 ** 53 })).toThrow(RangeError);
    expect(() => encodeFlowAck({ hi: 0, bytes: 1.5 })).toThrow(RangeError);
  });

  it('does not mistake a JSON payload or a file chunk for an ack', () => {
    expect(isFlowAckPayload(new TextEncoder().encode('{"type":"msg"}'))).toBe(false);
    expect(isFlowAckPayload(new Uint8Array([0x01, 0x02]))).toBe(false);
  });
});
