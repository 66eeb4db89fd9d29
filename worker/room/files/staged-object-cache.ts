// The decrypted staged objects the room's downloads share, by (fileId, object): thirty recipients
// of one Lobby file cost one R2 read and one decrypt per object, not thirty, and reads in flight
// are shared too. Byte-capped (least recently used go first; an object in use is never freed under
// its reader) and read through the room's ReadGate (read-gate.ts). Objects of a private file (one
// recipient) are not kept once read: nobody else will ask for them, and keeping them would only
// hold memory. Owned by Downloads (downloads.ts), which drops a file's objects once no download of
// it is left. Tested in
// test/unit/worker/room/files/staged-object-cache.test.ts and test/worker/files-shared-reads.test.ts.

import type { Bytes } from '../../crypto/base64';
import { releaseBuffer } from '../release-buffer';
import type { ReadGate } from './read-gate';

/** Where objects come from: the staging store (staging.ts), decrypting as it reads. */
export interface ObjectSource {
  get(fileId: string, object: number, rawKey: Bytes): Promise<Bytes | null>;
}

/**
 * Plaintext bytes the cache keeps of objects nobody is reading: four 1 MiB objects, e.g. the one
 * each of several recipients a little ahead or behind the others is at.
 */
export const STAGED_CACHE_BYTES = 4 * 1024 * 1024;
/** Staged objects read from R2 and decrypted at once, room-wide. */
export const MAX_STAGED_READS = 2;

/** One reader's hold on an object's plaintext; `data` stays valid until `release()`. */
export interface ObjectLease {
  readonly data: Bytes;
  /** The reader is done: it must not touch `data` afterwards. Idempotent. */
  release(): void;
}

interface Entry {
  readonly id: string;
  readonly fileId: string;
  /** Null until read. */
  data: Bytes | null;
  /** Readers holding (or awaiting) the plaintext. */
  leases: number;
  /** Still in the map; once not, the plaintext is freed when its last reader lets go. */
  cached: boolean;
  /** Kept once nobody reads it: some reader said others may want it. */
  keep: boolean;
  loading: Promise<Bytes | null>;
}

export class StagedObjectCache {
  /** Oldest use first (a Map keeps insertion order; a use re-inserts). */
  private readonly entries = new Map<string, Entry>();
  /** Plaintext bytes of the read entries in the map. */
  private held = 0;

  constructor(
    private readonly source: ObjectSource,
    private readonly gate: ReadGate,
    readonly capBytes: number,
  ) {}

  /**
   * Object `object` of the file, decrypted: from the cache, from a read already under way, or read
   * now (through the gate). Null when it is gone from R2 (the file was deleted meanwhile). With
   * `keep` false (a private file: nobody else will read it) it goes once its readers let go.
   */
  async get(fileId: string, object: number, rawKey: Bytes, keep = true): Promise<ObjectLease | null> {
    const id = `${fileId}/${object}`;
    let entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      this.entries.set(id, entry);
    } else {
      entry = this.read(id, fileId, object, rawKey);
    }
    entry.leases++;
    entry.keep ||= keep;
    let data: Bytes | null;
    try {
      data = await entry.loading;
    } catch (error) {
      this.letGo(entry);
      throw error;
    }
    if (!data) {
      this.letGo(entry);
      return null;
    }
    let held = true;
    const owner = entry;
    return {
      data,
      release: () => {
        if (!held) return;
        held = false;
        this.letGo(owner);
      },
    };
  }

  /** Forgets the file's objects: each is freed now, or when its last reader lets go. */
  drop(fileId: string): void {
    for (const entry of [...this.entries.values()]) if (entry.fileId === fileId) this.evict(entry);
  }

  /** Plaintext bytes kept now (objects being read or in use included), for tests and logs. */
  get bytes(): number {
    return this.held;
  }

  get size(): number {
    return this.entries.size;
  }

  private read(id: string, fileId: string, object: number, rawKey: Bytes): Entry {
    const entry: Entry = {
      id,
      fileId,
      data: null,
      leases: 0,
      cached: true,
      keep: false,
      loading: Promise.resolve(null),
    };
    entry.loading = this.gate
      // Dropped while it waited for the gate: the file went, so there is nothing to read.
      .run(() => (entry.cached ? this.source.get(fileId, object, rawKey) : Promise.resolve(null)))
      .then(
        (data) => {
          if (!data) {
            this.evict(entry);
            return null;
          }
          entry.data = data;
          if (entry.cached) {
            this.held += data.byteLength;
            this.trim();
          }
          return data;
        },
        (error: unknown) => {
          this.evict(entry);
          throw error;
        },
      );
    this.entries.set(id, entry);
    return entry;
  }

  private letGo(entry: Entry): void {
    entry.leases--;
    if (entry.leases > 0) return;
    if (!entry.cached) this.free(entry);
    else if (!entry.keep) this.evict(entry);
    else this.trim();
  }

  /** Past the cap, the least recently used objects nobody is reading go. */
  private trim(): void {
    for (const entry of [...this.entries.values()]) {
      if (this.held <= this.capBytes) return;
      if (entry.leases === 0 && entry.data) this.evict(entry);
    }
  }

  private evict(entry: Entry): void {
    if (!entry.cached) return;
    entry.cached = false;
    if (this.entries.get(entry.id) === entry) this.entries.delete(entry.id);
    if (entry.data) this.held -= entry.data.byteLength;
    if (entry.leases === 0) this.free(entry);
  }

  private free(entry: Entry): void {
    if (entry.data) releaseBuffer(entry.data);
    entry.data = null;
  }
}
