// The binary payload of a file chunk, carried inside an encrypted frame (so it is authenticated
// and sequenced like every other frame). A JSON payload starts with '{'; a chunk starts with 0x01.
//
//   offset  size  field
//   0       1     kind: 0x01 = file chunk
//   1       16    file id (the 32 hex characters of FileId, as bytes)
//   17      4     chunk index, big-endian
//   21      n     file data (at most FILE_CHUNK_BYTES)

import type { Bytes } from '../crypto/base64';

export const CHUNK_KIND = 0x01;
export const CHUNK_HEADER_BYTES = 21;

export interface FileChunk {
  fileId: string;
  index: number;
  data: Bytes;
}

export function isChunkPayload(plaintext: Uint8Array): boolean {
  return plaintext[0] === CHUNK_KIND;
}

export function encodeChunk(fileId: string, index: number, data: Uint8Array): Bytes {
  const out = new Uint8Array(CHUNK_HEADER_BYTES + data.byteLength);
  out[0] = CHUNK_KIND;
  for (let i = 0; i < 16; i++) out[1 + i] = Number.parseInt(fileId.slice(i * 2, i * 2 + 2), 16);
  new DataView(out.buffer).setUint32(17, index);
  out.set(data, CHUNK_HEADER_BYTES);
  return out;
}

/** Returns null for a payload that is not a well-formed chunk. */
export function decodeChunk(plaintext: Bytes): FileChunk | null {
  if (plaintext.byteLength < CHUNK_HEADER_BYTES || plaintext[0] !== CHUNK_KIND) return null;
  let fileId = '';
  for (let i = 1; i <= 16; i++) fileId += (plaintext[i] ?? 0).toString(16).padStart(2, '0');
  const index = new DataView(plaintext.buffer, plaintext.byteOffset).getUint32(17);
  return { fileId, index, data: plaintext.subarray(CHUNK_HEADER_BYTES) };
}
