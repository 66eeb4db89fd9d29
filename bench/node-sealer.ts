// Seals bench clients' frames (their acks, above all: about four per client a second) with Node's
// synchronous AES-256-GCM instead of WebCrypto, whose every call is a thread-pool round trip. The
// same frame as worker/crypto/frame-codec.ts's sealFrame: header as AAD, a fresh random 96-bit IV.

import { createCipheriv, randomFillSync } from 'node:crypto';
import type { Bytes } from '#crypto/base64';
import { Direction, FRAME_VERSION, HEADER_BYTES, IV_BYTES, type Seq, TAG_BYTES } from '#crypto/frame-codec';
import type { FrameSealer } from '../client/core/secure-channel';

/** A SecureChannel `sealWith` for client→room frames. */
export function nodeSealer(rawSessionKey: Bytes): FrameSealer {
  const key = Buffer.from(rawSessionKey);
  return (seq: Seq, plaintext: Bytes): Bytes => {
    const frame = new Uint8Array(HEADER_BYTES + IV_BYTES + plaintext.byteLength + TAG_BYTES);
    const view = new DataView(frame.buffer);
    view.setUint8(0, FRAME_VERSION);
    view.setUint8(1, Direction.ClientToServer);
    view.setUint32(2, seq.hi);
    view.setUint32(6, seq.lo);
    const iv = frame.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    randomFillSync(iv);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(frame.subarray(0, HEADER_BYTES));
    const body = cipher.update(plaintext);
    cipher.final();
    frame.set(body, HEADER_BYTES + IV_BYTES);
    frame.set(cipher.getAuthTag(), HEADER_BYTES + IV_BYTES + body.byteLength);
    return frame;
  };
}
