// A session's Ed25519 identity key: it signs the session's prekeys and every envelope it seals.
// The private half is a non-extractable CryptoKey; the public half travels as 32 raw bytes, base64url.

import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { keyId } from './key-id';

export const IDENTITY_ALGORITHM = { name: 'Ed25519' } as const;
export const IDENTITY_PUBLIC_BYTES = 32;
export const SIGNATURE_BYTES = 64;

/** Someone's identity public key, imported and with its id. */
export interface PublicIdentity {
  readonly publicKey: CryptoKey;
  readonly publicRaw: Bytes;
  readonly id: string;
}

/** This session's own identity: the public part plus the non-extractable signing key. */
export interface IdentityKey extends PublicIdentity {
  readonly privateKey: CryptoKey;
}

export async function createIdentityKey(): Promise<IdentityKey> {
  const pair = await crypto.subtle.generateKey(IDENTITY_ALGORITHM, false, ['sign', 'verify']);
  if (!('privateKey' in pair)) throw new TypeError('Ed25519 did not make a key pair');
  const publicRaw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicRaw, id: await keyId(publicRaw) };
}

export function exportIdentity(identity: PublicIdentity): string {
  return toBase64Url(identity.publicRaw);
}

/** A peer's identity from its base64url form; null when it is not a 32-byte Ed25519 key. */
export async function importIdentity(text: string): Promise<PublicIdentity | null> {
  try {
    const publicRaw = fromBase64Url(text);
    if (publicRaw.byteLength !== IDENTITY_PUBLIC_BYTES || toBase64Url(publicRaw) !== text) return null;
    const publicKey = await crypto.subtle.importKey('raw', publicRaw, IDENTITY_ALGORITHM, true, ['verify']);
    return { publicKey, publicRaw, id: await keyId(publicRaw) };
  } catch {
    return null;
  }
}

export async function signWithIdentity(identity: IdentityKey, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.sign(IDENTITY_ALGORITHM, identity.privateKey, data));
}

/** Never throws: a malformed signature is simply not valid. */
export async function verifyIdentitySignature(
  identity: PublicIdentity,
  signature: Bytes,
  data: Bytes,
): Promise<boolean> {
  if (signature.byteLength !== SIGNATURE_BYTES) return false;
  try {
    return await crypto.subtle.verify(IDENTITY_ALGORITHM, identity.publicKey, signature, data);
  } catch {
    return false;
  }
}
