// How a socket's queue becomes frames: a pure decision used by the outbox (worker/room/outbox.ts),
// unit-tested in Node (test/unit/room/frame-payloads.test.ts).

import type { Bytes } from '../crypto/base64';

const encoder = new TextEncoder();

/**
 * Turns one socket's queue into frame payloads, in order: each run of JSON messages becomes one
 * payload (a `batch` when there are several), each binary payload stays on its own. `encoded`
 * shares the UTF-8 encoding of identical runs across recipients (e.g. a broadcast).
 */
export function framePayloads(
  items: readonly (string | Bytes)[],
  encoded = new Map<string, Bytes>(),
): Bytes[] {
  const out: Bytes[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const payload = run.length === 1 ? run[0]! : `{"type":"batch","messages":[${run.join(',')}]}`;
    let bytes = encoded.get(payload);
    if (!bytes) {
      bytes = encoder.encode(payload) as Bytes;
      encoded.set(payload, bytes);
    }
    out.push(bytes);
    run = [];
  };
  for (const item of items) {
    if (typeof item === 'string') {
      run.push(item);
    } else {
      endRun();
      out.push(item);
    }
  }
  endRun();
  return out;
}
