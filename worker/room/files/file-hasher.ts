// SHA-256 of an upload as it streams in, with workerd's crypto.DigestStream: the room never holds
// the whole file. The stream lives in memory only; after an eviction the digest is recomputed by
// streaming the staged objects back from R2 (hashStaged), so the upload does not fail for that.

import { type Bytes, toHex } from '../../crypto/base64';
import { errorName, logEvent } from '../log';
import { releaseBuffer } from '../release-buffer';
import { type ObjectLayout, objectBytes, objectCount } from './file-limits';
import type { FileRow } from './file-store';
import type { Staging } from './staging';

// workerd puts the class on `crypto`; the DOM lib (pulled in by the JSX settings) hides it from the type.
const DigestStreamClass = (crypto as unknown as { DigestStream: typeof DigestStream }).DigestStream;

export class UploadHasher {
  private readonly stream = new DigestStreamClass('SHA-256');
  private readonly writer = this.stream.getWriter();
  /** Pieces given so far (an upload's chunks 0..fed-1, in order); hashing may still be under way. */
  fed = 0;

  constructor() {
    // An aborted stream rejects its digest; only finish() waits for it.
    this.stream.digest.catch(() => undefined);
  }

  /**
   * Queues `data` for hashing without waiting for it: the caller goes on at once (an upload's
   * chunk, in the room's serial queue, must not hold chat frames up for a turn of the event loop).
   * `data` must not change until hashed; with `release`, its buffer is released then.
   */
  add(data: Bytes, release = false): void {
    this.fed++;
    const written = this.writer.write(data);
    void written.then(
      () => {
        if (release) releaseBuffer(data);
      },
      () => undefined,
    );
  }

  /** The digest of everything given, once hashed. */
  async finish(): Promise<string> {
    await this.writer.close();
    return toHex(new Uint8Array(await this.stream.digest));
  }

  abort(): void {
    this.writer.abort().catch(() => undefined);
  }
}

/** Hashes a staged file by reading its objects back one at a time. Null if one is missing or short. */
export async function hashStaged(
  staging: Staging,
  fileId: string,
  rawKey: Bytes,
  layout: ObjectLayout,
): Promise<string | null> {
  const hasher = new UploadHasher();
  for (let object = 0; object < objectCount(layout); object++) {
    const data = await staging.get(fileId, object, rawKey);
    if (data?.byteLength !== objectBytes(layout, object)) {
      if (data) releaseBuffer(data);
      hasher.abort();
      return null;
    }
    hasher.add(data, true);
  }
  return hasher.finish();
}

/**
 * The SHA-256 of a whole upload (`file.next` chunks): from its stream when that saw every chunk,
 * else (after an eviction) from the staged objects. Null when it cannot be computed.
 */
export async function uploadDigest(
  staging: Staging,
  file: FileRow,
  hasher: UploadHasher | null,
): Promise<string | null> {
  const chunks = file.next;
  try {
    if (hasher && hasher.fed === chunks) return await hasher.finish();
    hasher?.abort();
    logEvent('file_rehash', { fileId: file.fileId, chunks });
    return await hashStaged(staging, file.fileId, file.key, file);
  } catch (error) {
    logEvent('file_hash_error', {
      fileId: file.fileId,
      error: errorName(error),
    });
    return null;
  }
}
