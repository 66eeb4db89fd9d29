// A private conversation's safety number: 60 digits (12 groups of 5) from both identity public keys,
// the same on both sides, Signal-style: each side's 30 digits come from a deliberately slow hash of a
// version, the key and a name-independent label, and the two halves are ordered canonically.

import type { Bytes } from '#crypto/base64';
import { concatBytes, utf8 } from './framing';

const VERSION = new Uint8Array([0, 1]);
/**
 * Signal iterates SHA-512 5,200 times so that each guess at a key with a matching half costs as
 * much. WebCrypto's digest is one async call per hash (two sides took over 5 s in a Node test), so the same
 * work factor comes from one PBKDF2-HMAC-SHA-512 call with 5,200 iterations instead.
 */
const ITERATIONS = 5200;
const SALT = concatBytes(VERSION, utf8('chatspace-e2e-v1/safety-number'));
const DIGITS_PER_SIDE = 30;

/** 30 digits for one identity key: six 5-byte chunks of the slow hash, each taken mod 100,000. */
async function sideDigits(publicRaw: Bytes): Promise<string> {
  const base = await crypto.subtle.importKey('raw', publicRaw, 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-512', salt: SALT, iterations: ITERATIONS };
  const hash = new Uint8Array(await crypto.subtle.deriveBits(params, base, 30 * 8));
  let digits = '';
  for (let chunk = 0; chunk < DIGITS_PER_SIDE / 5; chunk++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + (hash[chunk * 5 + i] ?? 0);
    digits += String(value % 100_000).padStart(5, '0');
  }
  return digits;
}

/** The 12 groups of 5 digits; the same whichever side computes it. */
export async function safetyNumberGroups(a: Bytes, b: Bytes): Promise<string[]> {
  const sides = [await sideDigits(a), await sideDigits(b)].sort();
  return sides.join('').match(/\d{5}/g) ?? [];
}

/** The safety number as shown: "12345 67890 …". */
export async function safetyNumber(a: Bytes, b: Bytes): Promise<string> {
  return (await safetyNumberGroups(a, b)).join(' ');
}
