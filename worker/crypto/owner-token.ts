// A room's owner token (issue 14): 32 random bytes, base64url, given once to the creator by
// POST /api/rooms (worker/http/room-api.ts). The room keeps only its SHA-256 as hex
// (worker/room/moderation/owner-proof.ts compares it in constant time). Runtime-neutral (WebCrypto).

import { randomBytes, toBase64Url, toHex } from './base64';

export function newOwnerToken(): string {
  return toBase64Url(randomBytes(32));
}

/** SHA-256 of the token's UTF-8, as 64 lowercase hex digits. */
export async function ownerTokenHash(token: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))));
}

export const OWNER_HASH_PATTERN = /^[0-9a-f]{64}$/;
