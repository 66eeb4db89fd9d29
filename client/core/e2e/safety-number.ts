// A private conversation's safety number: 60 digits (12 groups of 5) from both identity public keys,
// the same on both sides, Signal-style. Each side's 30 digits come from 5,200 iterations of SHA-512
// over a version, the key and a name-independent id; the two halves are ordered canonically.

import type { Bytes } from '#crypto/base64';
import { concatBytes, utf8 } from './framing';

const VERSION = new Uint8Array([0, 1]);
/** Makes each guess at a colliding key cost 5,200 hashes, as Signal's numeric fingerprints do. */
const ITERATIONS = 5200;
const STABLE_ID = utf8('chatspace-identity');
const DIGITS_PER_SIDE = 30;

/** 30 digits for one identity key: six 5-byte chunks of the hash, each taken mod 100,000. */
async function sideDigits(publicRaw: Bytes): Promise<string> {
  let hash = concatBytes(VERSION, publicRaw, STABLE_ID);
  for (let i = 0; i < ITERATIONS; i++) {
    hash = new Uint8Array(await crypto.subtle.digest('SHA-512', concatBytes(hash, publicRaw)));
  }
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
