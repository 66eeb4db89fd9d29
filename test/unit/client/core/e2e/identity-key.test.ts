// The session identity key: non-extractable private half, a 32-byte public half in base64url, a
// 16-hex-digit id from its SHA-256 (client/core/e2e/identity-key.ts).

import { describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from '#crypto/base64';
import {
  createIdentityKey,
  exportIdentity,
  importIdentity,
} from '../../../../../client/core/e2e/identity-key';

describe('an identity key', () => {
  it('keeps its private half non-extractable', async () => {
    const identity = await createIdentityKey();
    expect(identity.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', identity.privateKey)).rejects.toThrow();
  });

  it('exports 32 raw bytes as base64url and is named by the first 8 bytes of their SHA-256', async () => {
    const identity = await createIdentityKey();
    const text = exportIdentity(identity);
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', identity.publicRaw));
    expect(identity.id).toBe(toHex(digest.subarray(0, 8)));
    const imported = await importIdentity(text);
    expect(imported?.id).toBe(identity.id);
  });

  it('imports nothing from a key of the wrong length or a non-canonical encoding', async () => {
    const identity = await createIdentityKey();
    expect(await importIdentity(toBase64Url(identity.publicRaw.subarray(0, 31)))).toBeNull();
    expect(await importIdentity(`${exportIdentity(identity)}=`)).toBeNull();
    expect(await importIdentity('!!')).toBeNull();
  });

  it('gives two sessions different keys and ids', async () => {
    const [a, b] = [await createIdentityKey(), await createIdentityKey()];
    expect(a.id).not.toBe(b.id);
  });
});
