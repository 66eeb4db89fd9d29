// The per-session AES-256-GCM key: made by the client, wrapped with the room's RSA-OAEP public
// key, unwrapped by the ChatRoom DO. Runtime-neutral WebCrypto.

import type { Bytes } from './base64';
export const SESSION_KEY_BYTES = 32;

export async function importSessionKey(raw: Bytes): Promise<CryptoKey> {
  if (raw.byteLength !== SESSION_KEY_BYTES) throw new TypeError('session key must be 32 bytes');
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** A fresh random session key: the raw bytes (to wrap) and the imported key (to use). */
export async function createSessionKey(): Promise<{ raw: Bytes; key: CryptoKey }> {
  const raw = crypto.getRandomValues(new Uint8Array(SESSION_KEY_BYTES));
  return { raw, key: await importSessionKey(raw) };
}

export async function wrapSessionKey(roomPublicKey: CryptoKey, raw: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, roomPublicKey, raw));
}

/** Throws when the wrapped key was not made for this room's key, or is not 32 bytes inside. */
export async function unwrapSessionKey(roomPrivateKey: CryptoKey, wrapped: Bytes): Promise<Bytes> {
  const raw = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, roomPrivateKey, wrapped));
  if (raw.byteLength !== SESSION_KEY_BYTES) throw new TypeError('session key must be 32 bytes');
  return raw;
}
