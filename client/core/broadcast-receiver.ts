// Opens the room's broadcast frames (worker/crypto/broadcast-frame.ts) for one session: holds the
// broadcast key the room sent under the session key (`room_key`), and refuses a frame under any
// other key epoch, one whose sequence number is not after the last, one the room did not sign, and
// one that fails its tag. Used by SecureChannel; tested in test/unit/client/core/broadcast-receiver.test.ts.

import { type Bytes, fromBase64Url } from '#crypto/base64';
import {
  afterLast,
  BroadcastFrameError,
  type BroadcastOpenKeys,
  checkBroadcastHeader,
  importBroadcastKey,
  importVerifyKey,
  openBroadcast,
  verifyAndDecrypt,
} from '#crypto/broadcast-frame';
import type { Seq } from '#crypto/frame-codec';
import type { RoomKeyMessage } from '#protocol/broadcast-messages';

/**
 * Verifies and decrypts a broadcast frame once for many receivers that got the same bytes. Only the
 * bench uses one (bench/shared-broadcasts.ts): its simulated clients share one process, where real
 * clients are separate machines. Each receiver still checks the epoch and sequence itself.
 */
export interface SharedBroadcastOpener {
  open(keys: BroadcastOpenKeys, frame: Bytes, open: () => Promise<Bytes>): Promise<Bytes>;
}

export class BroadcastReceiver {
  private keys: BroadcastOpenKeys | null = null;
  private last: Seq | null = null;

  constructor(private readonly shared?: SharedBroadcastOpener) {}

  /** Takes in a broadcast key. One older than the key held means the room's stream went back: refused. */
  async install(message: RoomKeyMessage): Promise<void> {
    if (this.keys && message.epoch < this.keys.epoch) throw new Error('an older broadcast key');
    const [key, verifyKey] = await Promise.all([
      importBroadcastKey(fromBase64Url(message.key)),
      importVerifyKey(fromBase64Url(message.verify)),
    ]);
    this.keys = { epoch: message.epoch, key, verifyKey };
  }

  /** The frame's plaintext and sequence number; throws (BroadcastFrameError) for anything it refuses. */
  async open(frame: Bytes): Promise<{ seq: Seq; plaintext: Bytes }> {
    const keys = this.keys;
    if (!keys) throw new BroadcastFrameError('epoch');
    const accept = (seq: Seq) => afterLast(this.last, seq);
    let opened: { seq: Seq; plaintext: Bytes };
    if (this.shared) {
      const { seq } = checkBroadcastHeader(keys.epoch, frame, accept);
      opened = { seq, plaintext: await this.shared.open(keys, frame, () => verifyAndDecrypt(keys, frame)) };
    } else {
      opened = await openBroadcast(keys, frame, accept);
    }
    // Only an authenticated frame moves the high-water mark.
    this.last = opened.seq;
    return opened;
  }
}
