// A session's X25519 signed prekey: HPKE wraps content keys to it. Its public half, id and creation
// time are signed by the identity key, so a peer (not the room) vouches for the key it encrypts to.

import * as v from 'valibot';
import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { frame } from './framing';
import {
  type IdentityKey,
  type PublicIdentity,
  SIGNATURE_BYTES,
  signWithIdentity,
  verifyIdentitySignature,
} from './identity-key';
import { KEY_ID_PATTERN, keyId } from './key-id';

export const PREKEY_ALGORITHM = { name: 'X25519' } as const;
export const PREKEY_PUBLIC_BYTES = 32;
const PREKEY_LABEL = 'chatspace-e2e-v1/prekey';

/** One of this session's prekeys, private half included (non-extractable). */
export interface Prekey {
  readonly id: string;
  readonly createdAt: number;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicRaw: Bytes;
  readonly signature: Bytes;
}

/** The published form of a signed prekey, as the room stores and relays it. */
export const SignedPrekeySchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(KEY_ID_PATTERN)),
  key: v.pipe(v.string(), v.length(43)),
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sig: v.pipe(v.string(), v.length(86)),
});
export type SignedPrekey = v.InferOutput<typeof SignedPrekeySchema>;

declare const verified: unique symbol;
/** A peer's prekey whose signature was checked against `identityId`; only verifySignedPrekey makes one. */
export interface VerifiedPrekey {
  readonly id: string;
  readonly createdAt: number;
  readonly publicKey: CryptoKey;
  readonly identityId: string;
  readonly [verified]: true;
}

function signedContent(identityId: string, id: string, createdAt: number, publicRaw: Bytes): Bytes {
  return frame([PREKEY_LABEL, identityId, id, String(createdAt), publicRaw]);
}

export async function createPrekey(identity: IdentityKey, now: number): Promise<Prekey> {
  const pair = await crypto.subtle.generateKey(PREKEY_ALGORITHM, false, ['deriveBits']);
  if (!('privateKey' in pair)) throw new TypeError('X25519 did not make a key pair');
  const publicRaw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const id = await keyId(publicRaw);
  const createdAt = Math.floor(now);
  const signature = await signWithIdentity(identity, signedContent(identity.id, id, createdAt, publicRaw));
  return { id, createdAt, privateKey: pair.privateKey, publicKey: pair.publicKey, publicRaw, signature };
}

export function publishPrekey(prekey: Prekey): SignedPrekey {
  return {
    id: prekey.id,
    key: toBase64Url(prekey.publicRaw),
    createdAt: prekey.createdAt,
    sig: toBase64Url(prekey.signature),
  };
}

/** A peer's signed prekey, checked against its identity key; null when anything is off. Never throws. */
export async function verifySignedPrekey(
  identity: PublicIdentity,
  input: unknown,
): Promise<VerifiedPrekey | null> {
  const parsed = v.safeParse(SignedPrekeySchema, input);
  if (!parsed.success) return null;
  const { id, key, createdAt, sig } = parsed.output;
  try {
    const publicRaw = fromBase64Url(key);
    const signature = fromBase64Url(sig);
    if (publicRaw.byteLength !== PREKEY_PUBLIC_BYTES || signature.byteLength !== SIGNATURE_BYTES) return null;
    if ((await keyId(publicRaw)) !== id) return null;
    const content = signedContent(identity.id, id, createdAt, publicRaw);
    if (!(await verifyIdentitySignature(identity, signature, content))) return null;
    const publicKey = await crypto.subtle.importKey('raw', publicRaw, PREKEY_ALGORITHM, true, []);
    return { id, createdAt, publicKey, identityId: identity.id } as VerifiedPrekey;
  } catch {
    return null;
  }
}
