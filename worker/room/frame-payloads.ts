// How a socket's queue becomes frames: a pure decision used by the outbox (worker/room/outbox.ts),
// unit-tested in Node (test/unit/worker/room/frame-payloads.test.ts).

import type { Bytes } from '../crypto/base64';

const encoder = new TextEncoder();

/**
 * Turns one socket's queue into frame payloads: its JSON messages first, as one payload (a `batch`
 * when there are several), then its binary payloads (file chunks) in order, one frame each. Chat
 * overtakes file data queued in the same flush: a 256 KiB chunk takes far longer to cross a slow
 * link than a message, and nothing in a chunk depends on the messages around it. `encoded` shares
 * the UTF-8 encoding of identical JSON payloads across recipients (e.g. a broadcast).
 */
export function framePayloads(
  items: readonly (string | Bytes)[],
  encoded = new Map<string, Bytes>(),
): Bytes[] {
  const json: string[] = [];
  const binary: Bytes[] = [];
  for (const item of items) {
    if (typeof item === 'string') json.push(item);
    else binary.push(item);
  }
  const first = json[0];
  if (first === undefined) return binary;
  const payload = json.length === 1 ? first : `{"type":"batch","messages":[${json.join(',')}]}`;
  let bytes = encoded.get(payload);
  if (!bytes) {
    bytes = encoder.encode(payload) as Bytes;
    encoded.set(payload, bytes);
  }
  return [bytes, ...binary];
}
