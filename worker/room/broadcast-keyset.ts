// One room broadcast key as the room holds it: made and kept by broadcast-keys.ts, carried by every
// queued broadcast (frame-payloads.ts) so that a flush seals each with the key current when it was queued.

import type { Bytes } from '../crypto/base64';

export interface BroadcastKeyset {
  readonly epoch: number;
  /** The raw AES-256 key, to hand to members (room_key) and to import. */
  readonly raw: Bytes;
  /** Imported on first use by the outbox (BroadcastKeys.keyOf). */
  key: Promise<CryptoKey> | null;
}
