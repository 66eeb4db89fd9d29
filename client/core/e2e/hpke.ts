// HPKE (RFC 9180) base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, from
// @hpke/core. Loaded with a dynamic import on first use, so it stays out of the client's first-load
// bundle; used by envelope-core.ts to wrap each envelope's content key.

import type { CipherSuite } from '@hpke/core';
import type { Bytes } from '#crypto/base64';

/** X25519's encapsulated key. */
export const HPKE_ENC_BYTES = 32;
/** A wrapped 32-byte content key: the key and AES-256-GCM's 16-byte tag. */
export const HPKE_WRAPPED_KEY_BYTES = 48;

let suite: Promise<CipherSuite> | null = null;

/** The cipher suite, imported once; a failed import is retried on the next call. */
export function hpkeSuite(): Promise<CipherSuite> {
  suite ??= import('@hpke/core')
    .then(
      (hpke) =>
        new hpke.CipherSuite({
          kem: new hpke.DhkemX25519HkdfSha256(),
          kdf: new hpke.HkdfSha256(),
          aead: new hpke.Aes256Gcm(),
        }),
    )
    .catch((error: unknown) => {
      suite = null;
      throw error;
    });
  return suite;
}

export interface WrappedKey {
  readonly enc: Bytes;
  readonly key: Bytes;
}

export async function wrapKey(
  recipient: CryptoKey,
  secret: Bytes,
  info: Bytes,
  aad: Bytes,
): Promise<WrappedKey> {
  const sealed = await (await hpkeSuite()).seal({ recipientPublicKey: recipient, info }, secret, aad);
  return { enc: new Uint8Array(sealed.enc), key: new Uint8Array(sealed.ct) };
}

/** Throws when the wrap was not made for this key pair, info and aad. */
export async function unwrapKey(
  recipient: CryptoKeyPair,
  wrapped: WrappedKey,
  info: Bytes,
  aad: Bytes,
): Promise<Bytes> {
  const opened = await (await hpkeSuite()).open(
    { recipientKey: recipient, enc: wrapped.enc, info },
    wrapped.key,
    aad,
  );
  return new Uint8Array(opened);
}
