// Bench only: the simulated clients share one process, so a broadcast frame that reaches all of them
// as the same bytes is verified and decrypted once, and the result shared. Real clients are separate
// machines and each pays for its own; here it keeps the load generator off the critical path. Each
// client still checks the key epoch and the sequence number itself (client/core/broadcast-receiver.ts).

import { type Bytes, toBase64Url } from '#crypto/base64';
import type { BroadcastOpenKeys } from '#crypto/broadcast-frame';
import { SIGNATURE_BYTES } from '#crypto/broadcast-frame';
import type { SharedBroadcastOpener } from '../client/core/broadcast-receiver';

/** Enough for every frame in flight to every client; the oldest results go first. */
const KEPT = 4_096;

export class SharedBroadcasts implements SharedBroadcastOpener {
  private readonly results = new Map<string, Promise<Bytes>>();
  /** Frames verified and decrypted, and frames that reused a result. */
  opened = 0;
  shared = 0;

  open(keys: BroadcastOpenKeys, frame: Bytes, open: () => Promise<Bytes>): Promise<Bytes> {
    // The signature names the frame (it covers every other byte), with the epoch of the key used.
    const id = `${keys.epoch}:${frame.byteLength}:${toBase64Url(frame.subarray(frame.byteLength - SIGNATURE_BYTES))}`;
    const known = this.results.get(id);
    if (known) {
      this.shared++;
      return known;
    }
    this.opened++;
    const result = open();
    this.results.set(id, result);
    if (this.results.size > KEPT) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    return result;
  }
}
