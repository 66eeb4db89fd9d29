// The room broadcast frame: one frame sealed once and sent as the same bytes to every member it
// goes to. AES-256-GCM under the room broadcast key (which every member holds), then signed by the
// room with Ed25519 (which no member can do). Runtime-neutral: the ChatRoom DO seals, the client
// core opens (client/core/broadcast-receiver.ts); unit-tested in test/unit/worker/crypto/broadcast-frame.test.ts.
//
//   offset  size  field
//   0       1     version (1)
//   1       1     direction: 3 = room broadcast
//   2       4     broadcast key epoch
//   6       4     broadcast sequence, high word (the room's wake epoch)
//   10      4     broadcast sequence, low word (a counter)
//   14      12    IV
//   26      n+16  ciphertext and GCM tag (bytes 0–13 are the AAD)
//   end−64  64    Ed25519 signature by the room over every byte before it
//
// The GCM tag keeps out anyone without the broadcast key; the signature keeps out a member who has
// it: a frame a member sealed itself fails the signature, and one moved, replayed or re-ordered
// fails the client's epoch and sequence checks, which the signature and the tag both cover.

import type { Bytes } from './base64';
import { compareSeq, FRAME_VERSION, IV_BYTES, type Seq, TAG_BYTES } from './frame-codec';

export const BROADCAST_DIRECTION = 3;
export const BROADCAST_HEADER_BYTES = 14;
export const SIGNATURE_BYTES = 64;
export const BROADCAST_OVERHEAD = BROADCAST_HEADER_BYTES + IV_BYTES + TAG_BYTES + SIGNATURE_BYTES;
export const BROADCAST_KEY_BYTES = 32;
const ED25519 = { name: 'Ed25519' } as const;

/** Why a broadcast frame was refused. */
export type BroadcastFailure = 'malformed' | 'epoch' | 'seq' | 'signature' | 'tag';

export class BroadcastFrameError extends Error {
  constructor(readonly reason: BroadcastFailure) {
    super(`broadcast frame rejected: ${reason}`);
    this.name = 'BroadcastFrameError';
  }
}

export interface BroadcastHeader {
  readonly epoch: number;
  readonly seq: Seq;
}

/** What the room seals with: the broadcast key of `epoch` and its own signing key. */
export interface BroadcastSealKeys {
  readonly epoch: number;
  readonly key: CryptoKey;
  readonly signingKey: CryptoKey;
}

/** What a member opens with: the broadcast key of `epoch` and the room's verifying key. */
export interface BroadcastOpenKeys {
  readonly epoch: number;
  readonly key: CryptoKey;
  readonly verifyKey: CryptoKey;
}

/** Whether `frame` claims to be a broadcast frame (bytes 0 and 1); the rest is checked when opened. */
export function isBroadcastFrame(frame: Bytes): boolean {
  return frame.byteLength >= 2 && frame[0] === FRAME_VERSION && frame[1] === BROADCAST_DIRECTION;
}

export function readBroadcastHeader(frame: Bytes): BroadcastHeader {
  if (frame.byteLength < BROADCAST_OVERHEAD || !isBroadcastFrame(frame))
    throw new BroadcastFrameError('malformed');
  const view = new DataView(frame.buffer, frame.byteOffset, BROADCAST_HEADER_BYTES);
  return { epoch: view.getUint32(2), seq: { hi: view.getUint32(6), lo: view.getUint32(10) } };
}

export function importBroadcastKey(raw: Bytes): Promise<CryptoKey> {
  if (raw.byteLength !== BROADCAST_KEY_BYTES) throw new TypeError('a broadcast key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** A fresh Ed25519 key pair for the room: the private key as PKCS#8, the public key raw (32 bytes). */
export async function generateSigningKeyPair(): Promise<{ pkcs8: Bytes; publicRaw: Bytes }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  const publicRaw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { pkcs8, publicRaw };
}

export function importSigningKey(pkcs8: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
}

export function importVerifyKey(publicRaw: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', publicRaw, ED25519, false, ['verify']);
}

/** Seals and signs one broadcast frame. The IV is 96 fresh random bits unless the caller drew one. */
export async function sealBroadcast(
  keys: BroadcastSealKeys,
  seq: Seq,
  plaintext: Bytes,
  iv: Bytes = crypto.getRandomValues(new Uint8Array(IV_BYTES)),
): Promise<Bytes> {
  if (iv.byteLength !== IV_BYTES) throw new TypeError('the IV must be 96 bits');
  const header = new Uint8Array(BROADCAST_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint8(0, FRAME_VERSION);
  view.setUint8(1, BROADCAST_DIRECTION);
  view.setUint32(2, keys.epoch);
  view.setUint32(6, seq.hi);
  view.setUint32(10, seq.lo);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: header }, keys.key, plaintext),
  );
  const signedBytes = BROADCAST_HEADER_BYTES + IV_BYTES + sealed.byteLength;
  const frame = new Uint8Array(signedBytes + SIGNATURE_BYTES);
  frame.set(header, 0);
  frame.set(iv, BROADCAST_HEADER_BYTES);
  frame.set(sealed, BROADCAST_HEADER_BYTES + IV_BYTES);
  const signature = await crypto.subtle.sign(ED25519, keys.signingKey, frame.subarray(0, signedBytes));
  frame.set(new Uint8Array(signature), signedBytes);
  return frame;
}

/**
 * Opens a broadcast frame. Checks, cheapest first: the layout, the key epoch (it must be the one
 * held), `accept` on the sequence number (the caller refuses a repeated or older one), the room's
 * signature, then the GCM tag. Throws BroadcastFrameError; never returns unauthenticated bytes.
 */
export async function openBroadcast(
  keys: BroadcastOpenKeys,
  frame: Bytes,
  accept: (seq: Seq) => boolean,
): Promise<{ seq: Seq; plaintext: Bytes }> {
  const header = checkBroadcastHeader(keys.epoch, frame, accept);
  return { seq: header.seq, plaintext: await verifyAndDecrypt(keys, frame) };
}

/** The cheap half of openBroadcast: the layout, the key epoch and `accept` on the sequence number. */
export function checkBroadcastHeader(
  epoch: number,
  frame: Bytes,
  accept: (seq: Seq) => boolean,
): BroadcastHeader {
  const header = readBroadcastHeader(frame);
  if (header.epoch !== epoch) throw new BroadcastFrameError('epoch');
  if (!accept(header.seq)) throw new BroadcastFrameError('seq');
  return header;
}

/**
 * The expensive half of openBroadcast, without the epoch and sequence checks: the signature, then the
 * GCM tag. The bench shares its result between simulated clients that got the same bytes.
 */
export async function verifyAndDecrypt(keys: Omit<BroadcastOpenKeys, 'epoch'>, frame: Bytes): Promise<Bytes> {
  const signedBytes = frame.byteLength - SIGNATURE_BYTES;
  if (signedBytes < BROADCAST_HEADER_BYTES + IV_BYTES + TAG_BYTES) throw new BroadcastFrameError('malformed');
  const signed = frame.subarray(0, signedBytes);
  let valid: boolean;
  try {
    valid = await crypto.subtle.verify(ED25519, keys.verifyKey, frame.subarray(signedBytes), signed);
  } catch {
    valid = false;
  }
  if (!valid) throw new BroadcastFrameError('signature');
  try {
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: frame.subarray(BROADCAST_HEADER_BYTES, BROADCAST_HEADER_BYTES + IV_BYTES),
        additionalData: frame.subarray(0, BROADCAST_HEADER_BYTES),
      },
      keys.key,
      frame.subarray(BROADCAST_HEADER_BYTES + IV_BYTES, signedBytes),
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new BroadcastFrameError('tag');
  }
}

/** A broadcast sequence number is accepted only when it is after the last one (compared high word first). */
export function afterLast(last: Seq | null, next: Seq): boolean {
  return last === null || compareSeq(next, last) > 0;
}
