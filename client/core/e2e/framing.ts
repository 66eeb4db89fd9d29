// Unambiguous byte strings for signatures, AAD and hashes: each part is length-prefixed (4 bytes,
// big-endian), so ("ab","c") and ("a","bc") never frame alike. Used by every file in client/core/e2e.

import type { Bytes } from '#crypto/base64';

const encoder = new TextEncoder();

export function utf8(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}

export function frame(parts: readonly (string | Bytes)[]): Bytes {
  const encoded = parts.map((part) => (typeof part === 'string' ? utf8(part) : part));
  const out = new Uint8Array(encoded.reduce((sum, part) => sum + 4 + part.byteLength, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const part of encoded) {
    view.setUint32(at, part.byteLength);
    out.set(part, at + 4);
    at += 4 + part.byteLength;
  }
  return out;
}

export function concatBytes(...parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
