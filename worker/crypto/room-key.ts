// The room's RSA-OAEP-2048 (SHA-256) key pair: generation, PEM import and export, and the
// public key's fingerprint. Runtime-neutral: the DO, `npm run keygen` and the client use it.

import type { Bytes } from './base64';
import { fromBase64Url, toHex } from './base64';

export const RSA_PARAMS = {
  name: 'RSA-OAEP',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

const IMPORT_PARAMS = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;

export interface RoomKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** DER SubjectPublicKeyInfo, as sent to clients. */
  spki: Bytes;
  fingerprint: string;
}

export async function generateRoomKeyPair(): Promise<{ pkcs8: Bytes }> {
  const pair = (await crypto.subtle.generateKey(RSA_PARAMS, true, ['encrypt', 'decrypt'])) as CryptoKeyPair;
  return { pkcs8: new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer) };
}

/** Imports a PKCS#8 private key and derives its public half (from the JWK's n and e). */
export async function loadRoomKeyPair(pkcs8: Bytes): Promise<RoomKeyPair> {
  const extractable = await crypto.subtle.importKey('pkcs8', pkcs8, IMPORT_PARAMS, true, ['decrypt']);
  const jwk = (await crypto.subtle.exportKey('jwk', extractable)) as JsonWebKey;
  const publicKey = await crypto.subtle.importKey(
    'jwk',
    { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RSA-OAEP-256', ext: true },
    IMPORT_PARAMS,
    true,
    ['encrypt'],
  );
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, IMPORT_PARAMS, false, ['decrypt']);
  const spki = new Uint8Array((await crypto.subtle.exportKey('spki', publicKey)) as ArrayBuffer);
  return { privateKey, publicKey, spki, fingerprint: await fingerprintOf(spki) };
}

export async function importRoomPublicKey(spki: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('spki', spki, IMPORT_PARAMS, false, ['encrypt']);
}

/** SHA-256 of the DER public key, as colon-separated upper-case hex pairs (like `ssh-keygen -l`). */
export async function fingerprintOf(spki: Bytes): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
  return (toHex(digest).toUpperCase().match(/../g) ?? []).join(':');
}

export function pkcs8ToPem(pkcs8: Bytes): string {
  let b64 = '';
  for (const byte of pkcs8) b64 += String.fromCharCode(byte);
  const body = (btoa(b64).match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

/** Accepts a PKCS#8 PEM, or its bare base64 body (handy for one-line secrets). */
export function pemToPkcs8(pem: string): Bytes {
  const body = pem
    .replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '')
    .replace(/\\n/g, '')
    .replace(/\s+/g, '');
  if (body.length === 0) throw new TypeError('empty private key');
  return fromBase64Url(body);
}
