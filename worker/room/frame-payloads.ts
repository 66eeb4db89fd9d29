// How a socket's queue becomes frames: a pure decision used by the outbox (worker/room/outbox.ts),
// unit-tested in Node (test/unit/worker/room/frame-payloads.test.ts).

import type { Bytes } from '../crypto/base64';
import { utf8Length } from './utf8-length';

const encoder = new TextEncoder();

const BATCH_HEAD = '{"type":"batch","messages":[';
const BATCH_TAIL = ']}';
const BATCH_OVERHEAD = BATCH_HEAD.length + BATCH_TAIL.length;

/**
 * Turns one socket's queue into frame payloads: its JSON messages first, then its binary payloads
 * (file chunks) in order, one frame each. The JSON goes as one payload (a `batch` when there are
 * several), split by bytes so that no batch is larger than `maxJsonBytes` (a single message larger
 * than that goes alone; the room's pages are built to fit). Chat overtakes file data queued in the
 * same flush: a 256 KiB chunk takes far longer to cross a slow link than a message, and nothing in
 * a chunk depends on the messages around it. `encoded` shares the UTF-8 encoding of identical JSON
 * payloads across recipients (e.g. a broadcast).
 */
export function framePayloads(
  items: readonly (string | Bytes)[],
  encoded = new Map<string, Bytes>(),
  maxJsonBytes = Number.POSITIVE_INFINITY,
  /** UTF-8 lengths already measured in this flush: a broadcast's string is measured once, not per recipient. */
  sizes = new Map<string, number>(),
): Bytes[] {
  const groups: string[][] = [];
  const binary: Bytes[] = [];
  let group: string[] = [];
  let groupBytes = BATCH_OVERHEAD;
  for (const item of items) {
    if (typeof item !== 'string') {
      binary.push(item);
      continue;
    }
    let size = sizes.get(item);
    if (size === undefined) {
      size = utf8Length(item);
      sizes.set(item, size);
    }
    // One comma per message after the first.
    if (group.length > 0 && groupBytes + 1 + size > maxJsonBytes) {
      groups.push(group);
      group = [];
      groupBytes = BATCH_OVERHEAD;
    }
    groupBytes += (group.length > 0 ? 1 : 0) + size;
    group.push(item);
  }
  if (group.length > 0) groups.push(group);
  const payloads = groups.map((g) => {
    const payload = g.length === 1 ? (g[0] as string) : `${BATCH_HEAD}${g.join(',')}${BATCH_TAIL}`;
    let bytes = encoded.get(payload);
    if (!bytes) {
      bytes = encoder.encode(payload) as Bytes;
      encoded.set(payload, bytes);
    }
    return bytes;
  });
  return [...payloads, ...binary];
}
