// One private file's end-to-end encryption, for its upload and its download: the layout of its
// sealed chunks (each exactly FILE_CHUNK_BYTES but the last), the sealed offer, and chunk
// encryption under the file key (file-envelope.ts). Loaded lazily by client/core/file-transfer
// (upload.ts, sealed-offers.ts), @hpke/core with it. Tested in test/unit/client/core/e2e/file-seal.test.ts.

import type { Bytes } from '#crypto/base64';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import type { OpenContext, OpenResult, SealParties } from './envelope-core';
import type { Envelope } from './envelope-wire';
import {
  CHUNK_OVERHEAD_BYTES,
  decryptChunk,
  encryptChunk,
  type FileOffer,
  newFileId,
  newFileKey,
  openFileOffer,
  sealFileOffer,
} from './file-envelope';

/** Plaintext per chunk: with its IV and tag, a sealed chunk is exactly the room's FILE_CHUNK_BYTES. */
export const PLAIN_CHUNK_BYTES = FILE_CHUNK_BYTES - CHUNK_OVERHEAD_BYTES;

/** How a plaintext of `plainSize` bytes (at least 1) is sent: chunk count and ciphertext bytes. */
export function sealedLayout(plainSize: number): { chunks: number; wireSize: number } {
  const chunks = Math.ceil(plainSize / PLAIN_CHUNK_BYTES);
  return { chunks, wireSize: plainSize + chunks * CHUNK_OVERHEAD_BYTES };
}

/** What the sender knows of its file: the sealed offer carries all of it. */
export type FileFacts = Pick<FileOffer, 'name' | 'type' | 'size' | 'sha256'>;

export interface SealedFile {
  /** The sealed offer (name, type, size, SHA-256, file key): all the room gets besides the layout. */
  readonly envelope: Envelope;
  readonly chunks: number;
  /** Bytes of ciphertext the room will stage. */
  readonly wireSize: number;
  /** Plaintext bytes per chunk (PLAIN_CHUNK_BYTES): chunk `index` is the plaintext from index times this. */
  readonly plainChunkBytes: number;
  /** Chunk `index` of the plaintext, sealed (a fresh IV each time, so a resend reuses none). */
  encrypt(index: number, plaintext: Uint8Array): Promise<Bytes>;
}

/** Seals the offer for `parties` under a fresh file id and key. `cid`: the upload's ref. */
export async function sealFile(
  facts: FileFacts,
  parties: SealParties,
  cid: number,
  now: number,
): Promise<SealedFile> {
  const fileId = newFileId();
  const { raw, key } = await newFileKey();
  const envelope = await sealFileOffer({ ...facts, fileId, ts: now }, raw, cid, parties);
  return {
    envelope,
    ...sealedLayout(facts.size),
    plainChunkBytes: PLAIN_CHUNK_BYTES,
    // WebCrypto takes bytes on a plain ArrayBuffer: a view on any other buffer is copied first.
    encrypt: (index, plaintext) => encryptChunk(key, fileId, index, new Uint8Array(plaintext)),
  };
}

export interface OpenedFile {
  /** What the sender sealed: name, claimed type, plaintext size and SHA-256. */
  readonly facts: FileFacts;
  readonly chunks: number;
  readonly wireSize: number;
  readonly plainChunkBytes: number;
  /** Chunk `index`'s plaintext, or null when it was altered or belongs elsewhere. Never throws. */
  decrypt(index: number, sealed: Bytes): Promise<Bytes | null>;
}

/**
 * Opens a sealed offer the room relayed, and checks that the ciphertext the room announces
 * (`wireSize`) is the layout of the sealed size. Never throws.
 */
export async function openFile(
  envelope: unknown,
  wireSize: number,
  ctx: OpenContext,
): Promise<OpenResult<OpenedFile>> {
  const opened = await openFileOffer(envelope, ctx);
  if (!opened.ok) return opened;
  const { key, fileId, name, type, size, sha256 } = opened.body;
  if (size <= 0) return { ok: false, reason: 'malformed' };
  const layout = sealedLayout(size);
  if (layout.wireSize !== wireSize) return { ok: false, reason: 'malformed' };
  return {
    ok: true,
    body: {
      facts: { name, type, size, sha256 },
      ...layout,
      plainChunkBytes: PLAIN_CHUNK_BYTES,
      decrypt: (index, sealed) => decryptChunk(key, fileId, index, sealed),
    },
  };
}
