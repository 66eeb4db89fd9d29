// Stages uploads in R2 (binding FILES), encrypted at rest with the file's own AES-256-GCM key,
// which lives only in the room's SQLite storage: the bucket alone reveals nothing. A file is staged
// as objects files/<fileId>/<n>, object n holding the file's chunks n·k … n·k+k-1 (k is the file's
// objectChunks, see file-limits.ts), each IV (12 bytes, fresh per write) ‖ ciphertext and tag. The
// object's name is bound as additional data, so objects cannot be swapped between places or files.

import { type Bytes, randomBytes } from '../../crypto/base64';
import { IV_BYTES } from '../../crypto/frame-codec';
import { releaseBuffer } from '../release-buffer';
import type { R2Pacing } from './local-r2-pacing';

export const FILE_KEY_BYTES = 32;

const encoder = new TextEncoder();

/** A fresh random per-file key, as raw bytes for SQLite. */
export function newFileKey(): Bytes {
  return randomBytes(FILE_KEY_BYTES);
}

export function objectKey(fileId: string, object: number): string {
  return `files/${fileId}/${object}`;
}

export class Staging {
  /** Imported keys by file id: a cache of what SQLite holds, dropped when the file goes. */
  private readonly keys = new Map<string, Promise<CryptoKey>>();

  constructor(
    private readonly bucket: R2Bucket,
    /** How objects are fed to R2: in paced slices for the local simulator only (local-r2-pacing.ts). */
    private readonly pacing: R2Pacing,
  ) {}

  /**
   * Encrypts `plain` and writes it as object `object` of the file (replacing an earlier, shorter
   * one). With `consume`, `plain`'s buffer is released as soon as it is encrypted.
   */
  async put(fileId: string, object: number, rawKey: Bytes, plain: Bytes, consume = false): Promise<void> {
    const name = objectKey(fileId, object);
    const key = await this.key(fileId, rawKey);
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(name) }, key, plain),
    );
    if (consume) releaseBuffer(plain);
    try {
      // IV ‖ ciphertext and tag, streamed as they are: no copy into one buffer.
      await this.putSliced(name, iv, sealed);
    } finally {
      releaseBuffer(sealed);
    }
  }

  /**
   * Object `object`'s plaintext, or null when it is gone (the file was cleaned up meanwhile). The
   * caller owns the result and may release it.
   */
  async get(fileId: string, object: number, rawKey: Bytes): Promise<Bytes | null> {
    const name = objectKey(fileId, object);
    const found = await this.bucket.get(name);
    if (!found) return null;
    const body = new Uint8Array(await found.arrayBuffer());
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: body.subarray(0, IV_BYTES), additionalData: encoder.encode(name) },
        await this.key(fileId, rawKey),
        body.subarray(IV_BYTES),
      );
      return new Uint8Array(plain);
    } finally {
      releaseBuffer(body);
    }
  }

  /**
   * Deletes every staged object of the file, found by listing its prefix: an object written just
   * before an eviction, whose progress never reached SQLite, goes too.
   */
  async deleteAll(fileId: string): Promise<number> {
    this.keys.delete(fileId);
    let deleted = 0;
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: `files/${fileId}/`, cursor, limit: 1000 });
      const names = page.objects.map((o) => o.key);
      if (names.length > 0) await this.bucket.delete(names);
      deleted += names.length;
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    // Again: a download racing the deletes may have imported it once more.
    this.keys.delete(fileId);
    return deleted;
  }

  /**
   * Writes `head` ‖ `body` as object `name`, streamed as the pacing says: in one piece, or in
   * slices with a turn of the event loop before each (local R2 only).
   */
  private async putSliced(name: string, head: Bytes, body: Bytes): Promise<void> {
    const { readable, writable } = new FixedLengthStream(head.byteLength + body.byteLength);
    const writer = writable.getWriter();
    const feeding = (async () => {
      await writer.write(head);
      const { sliceBytes, beforeSlice } = this.pacing;
      for (let at = 0; at < body.byteLength; at += sliceBytes) {
        if (beforeSlice) await beforeSlice();
        // Backpressure: a write waits while R2 has not taken the previous slice yet.
        await writer.write(body.subarray(at, Math.min(body.byteLength, at + sliceBytes)));
      }
      await writer.close();
    })();
    const stored = this.bucket.put(name, readable);
    // The put resolves only once it has read the whole body: `body` may go after this.
    try {
      await Promise.all([stored, feeding]);
    } catch (error) {
      // One side failed: stop the other, and wait for it, so nothing reads `body` afterwards.
      writer.abort(error).catch(() => undefined);
      await Promise.allSettled([stored, feeding]);
      throw error;
    }
  }

  private key(fileId: string, rawKey: Bytes): Promise<CryptoKey> {
    let key = this.keys.get(fileId);
    if (!key) {
      key = crypto.subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
      this.keys.set(fileId, key);
    }
    return key;
  }
}
