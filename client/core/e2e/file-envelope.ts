// A private file, end to end. The offer (file key, name, type, size, plaintext SHA-256) travels in
// an envelope like a message; the bytes are AES-256-GCM per chunk under the file key, with the
// file id and chunk index as AAD, so a chunk moved to another place or file does not decrypt.

import * as v from 'valibot';
import { type Bytes, fromBase64Url, randomBytes, toBase64Url } from '#crypto/base64';
import { MAX_FILE_NAME_CHARS, SEALED_CHUNK_OVERHEAD_BYTES } from '#protocol/limits';
import {
  type OpenContext,
  type OpenResult,
  openEnvelope,
  type SealParties,
  sealEnvelope,
} from './envelope-core';
import type { Envelope } from './envelope-wire';
import { concatBytes, frame, utf8 } from './framing';

export const FILE_KEY_BYTES = 32;
const CHUNK_IV_BYTES = 12;
/** What encryptChunk adds to each chunk: its IV and AES-GCM's 16-byte tag (the room knows it too). */
export const CHUNK_OVERHEAD_BYTES = SEALED_CHUNK_OVERHEAD_BYTES;
const CHUNK_LABEL = 'chatspace-e2e-v1/chunk';

/** The end-to-end file id: 128 random bits in hex, chosen by the sender and sealed into the offer. */
const FileIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

const FileOfferBodySchema = v.strictObject({
  fileId: FileIdSchema,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_FILE_NAME_CHARS * 2)),
  type: v.pipe(v.string(), v.maxLength(100)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  key: v.pipe(v.string(), v.length(43)),
  ts: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export interface FileOffer {
  readonly fileId: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** SHA-256 of the plaintext, lower-case hex; the recipient checks it after decrypting. */
  readonly sha256: string;
  readonly ts: number;
}

/** An opened offer: what it says, and the file key to decrypt the chunks with. */
export interface OpenedFileOffer extends FileOffer {
  readonly key: CryptoKey;
}

export function newFileId(): string {
  return [...randomBytes(16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh file key: the raw bytes (to seal into the offer) and the key to encrypt chunks with. */
export async function newFileKey(): Promise<{ raw: Bytes; key: CryptoKey }> {
  const raw = randomBytes(FILE_KEY_BYTES);
  return { raw, key: await importFileKey(raw) };
}

function importFileKey(raw: Bytes): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Throws when the offer is out of bounds (a caller's mistake: check name, type and size first). */
export async function sealFileOffer(
  offer: FileOffer,
  fileKey: Bytes,
  cid: number,
  parties: SealParties,
): Promise<Envelope> {
  if (fileKey.byteLength !== FILE_KEY_BYTES) throw new TypeError('file key must be 32 bytes');
  const body = v.parse(FileOfferBodySchema, { ...offer, key: toBase64Url(fileKey) });
  return sealEnvelope('file', cid, utf8(JSON.stringify(body)), parties);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Never throws. */
export async function openFileOffer(input: unknown, ctx: OpenContext): Promise<OpenResult<OpenedFileOffer>> {
  const opened = await openEnvelope('file', input, ctx);
  if (!opened.ok) return opened;
  try {
    const parsed = v.safeParse(FileOfferBodySchema, JSON.parse(decoder.decode(opened.body.plaintext)));
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    const { key, ...offer } = parsed.output;
    const raw = fromBase64Url(key);
    if (raw.byteLength !== FILE_KEY_BYTES) return { ok: false, reason: 'malformed' };
    return { ok: true, body: { ...offer, key: await importFileKey(raw) } };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

function chunkAad(fileId: string, index: number): Bytes {
  return frame([CHUNK_LABEL, fileId, String(index)]);
}

/** IV || ciphertext || tag. A fresh random IV per call, so re-sending a chunk never reuses one. */
export async function encryptChunk(
  key: CryptoKey,
  fileId: string,
  index: number,
  plaintext: Bytes,
): Promise<Bytes> {
  const iv = randomBytes(CHUNK_IV_BYTES);
  const additionalData = chunkAad(fileId, index);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext),
  );
  return concatBytes(iv, sealed);
}

/** The chunk's plaintext, or null when it was altered or belongs to another index or file. Never throws. */
export async function decryptChunk(
  key: CryptoKey,
  fileId: string,
  index: number,
  sealed: Bytes,
): Promise<Bytes | null> {
  if (sealed.byteLength < CHUNK_OVERHEAD_BYTES) return null;
  try {
    const iv = sealed.subarray(0, CHUNK_IV_BYTES);
    const additionalData = chunkAad(fileId, index);
    const data = sealed.subarray(CHUNK_IV_BYTES);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, data));
  } catch {
    return null;
  }
}
