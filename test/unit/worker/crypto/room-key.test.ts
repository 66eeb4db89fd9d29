// Unit tests for worker/crypto/room-key.ts: the room's RSA-OAEP key pair, its fingerprint, the
// PEM form kept in the ROOM_PRIVATE_KEY secret, and the `npm run keygen` script that prints it.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import {
  fingerprintOf,
  generateRoomKeyPair,
  importRoomPublicKey,
  loadRoomKeyPair,
  pemToPkcs8,
  pkcs8ToPem,
  type RoomKeyPair,
} from '#crypto/room-key';
import { must } from '../../../support/must';

const run = promisify(execFile);
const FINGERPRINT = /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/;

let pkcs8: Bytes;
let pair: RoomKeyPair;
let otherPkcs8: Bytes;

beforeAll(async () => {
  [{ pkcs8 }, { pkcs8: otherPkcs8 }] = await Promise.all([generateRoomKeyPair(), generateRoomKeyPair()]);
  pair = await loadRoomKeyPair(pkcs8);
}, 60_000);

async function encryptsFor(publicKey: CryptoKey, privateKey: CryptoKey): Promise<boolean> {
  const message = crypto.getRandomValues(new Uint8Array(32));
  const ciphertext = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, publicKey, message);
  try {
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, ciphertext));
    return Buffer.from(plain).equals(Buffer.from(message));
  } catch {
    return false;
  }
}

describe('loadRoomKeyPair', () => {
  it('derives a public key that encrypts for the private key', async () => {
    expect(await encryptsFor(pair.publicKey, pair.privateKey)).toBe(true);
  });

  it('exports an SPKI that clients can import and encrypt with for the same private key', async () => {
    const clientSide = await importRoomPublicKey(pair.spki);
    expect(await encryptsFor(clientSide, pair.privateKey)).toBe(true);
  });

  it('uses RSA-OAEP-2048 with SHA-256', () => {
    const algorithm = pair.publicKey.algorithm as RsaHashedKeyAlgorithm;
    expect(algorithm.name).toBe('RSA-OAEP');
    expect(algorithm.modulusLength).toBe(2048);
    expect(algorithm.hash.name).toBe('SHA-256');
  });

  it('keeps the private key non-extractable', () => {
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.privateKey.usages).toEqual(['decrypt']);
  });

  it("does not pair one key's public half with another key's private half", async () => {
    const other = await loadRoomKeyPair(otherPkcs8);
    expect(await encryptsFor(other.publicKey, pair.privateKey)).toBe(false);
    expect(other.fingerprint).not.toBe(pair.fingerprint);
  });

  it('rejects bytes that are not a PKCS#8 key', async () => {
    await expect(loadRoomKeyPair(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});

describe('fingerprintOf', () => {
  it('is 32 colon-separated upper-case hex pairs', () => {
    expect(pair.fingerprint).toMatch(FINGERPRINT);
  });

  it('is the SHA-256 of the DER public key', () => {
    const digest = createHash('sha256').update(pair.spki).digest('hex').toUpperCase();
    expect(pair.fingerprint.replaceAll(':', '')).toBe(digest);
  });

  it('is stable: loading the same private key again gives the same fingerprint', async () => {
    const again = await loadRoomKeyPair(pkcs8);
    expect(again.fingerprint).toBe(pair.fingerprint);
    expect(again.spki).toEqual(pair.spki);
    expect(await fingerprintOf(pair.spki)).toBe(pair.fingerprint);
  });

  it('has the same format for any input bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(await fingerprintOf(bytes)).toMatch(FINGERPRINT);
      }),
      { numRuns: 30 },
    );
  });
});

describe('pkcs8ToPem and pemToPkcs8', () => {
  it('writes a PKCS#8 PEM with 64-character lines', () => {
    const pem = pkcs8ToPem(pkcs8);
    const lines = pem.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN PRIVATE KEY-----');
    expect(lines.at(-1)).toBe('-----END PRIVATE KEY-----');
    const body = lines.slice(1, -1);
    expect(body.slice(0, -1).every((line) => line.length === 64)).toBe(true);
    expect(must(body.at(-1)).length).toBeGreaterThan(0);
    expect(must(body.at(-1)).length).toBeLessThanOrEqual(64);
  });

  it('round-trips a real key, which then loads with the same fingerprint', async () => {
    const back = pemToPkcs8(pkcs8ToPem(pkcs8));
    expect(back).toEqual(pkcs8);
    expect((await loadRoomKeyPair(back)).fingerprint).toBe(pair.fingerprint);
  });

  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (bytes) => {
        expect(pemToPkcs8(pkcs8ToPem(bytes))).toEqual(bytes);
      }),
    );
  });

  it('reads a one-line secret with literal "\\n" sequences in place of newlines', () => {
    const oneLine = pkcs8ToPem(pkcs8).replaceAll('\n', '\\n');
    expect(oneLine).not.toContain('\n');
    expect(pemToPkcs8(oneLine)).toEqual(pkcs8);
  });

  it('reads a PEM with Windows line endings and surrounding blank space', () => {
    const pem = `\n  ${pkcs8ToPem(pkcs8).replaceAll('\n', '\r\n')}  \n`;
    expect(pemToPkcs8(pem)).toEqual(pkcs8);
  });

  it('reads the bare base64 body without the BEGIN and END lines', () => {
    const body = Buffer.from(pkcs8).toString('base64');
    expect(pemToPkcs8(body)).toEqual(pkcs8);
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', ' \n\t '],
    ['only the armour', '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n'],
  ])('refuses %s', (_, text) => {
    expect(() => pemToPkcs8(text)).toThrow(TypeError);
  });

  it('refuses a body that is not base64', () => {
    expect(() => pemToPkcs8('-----BEGIN PRIVATE KEY-----\nnot*base64\n-----END PRIVATE KEY-----')).toThrow();
  });
});

describe('the keygen script', () => {
  it('prints a PEM on stdout that loads, and its fingerprint on stderr', async () => {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/keygen.ts'], {
      cwd: process.cwd(),
      timeout: 90_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    const loaded = await loadRoomKeyPair(pemToPkcs8(stdout));
    expect(await encryptsFor(loaded.publicKey, loaded.privateKey)).toBe(true);
    expect(stderr).toContain(`fingerprint: ${loaded.fingerprint}`);
    expect(stdout).not.toContain('fingerprint');
  }, 120_000);
});
