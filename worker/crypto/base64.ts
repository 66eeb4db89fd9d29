// Base64url encoding of bytes, without padding. Runtime-neutral (workerd, browsers, Node):
// used for keys, challenges and tokens inside JSON control frames.

/** Bytes backed by a plain ArrayBuffer, as WebCrypto's types require. */
export type Bytes = Uint8Array<ArrayBuffer>;

const CHUNK = 0x8000;

export function toBase64Url(bytes: Bytes): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (or plain base64). Throws a TypeError on anything else. */
export function fromBase64Url(text: string): Bytes {
  if (!/^[A-Za-z0-9_\-+/]*={0,2}$/.test(text)) throw new TypeError('not base64');
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new TypeError('not base64');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function toHex(bytes: Bytes): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Constant-time comparison of two byte strings of possibly different lengths. */
export function bytesEqual(a: Bytes, b: Bytes): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}
