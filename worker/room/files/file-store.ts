// The file-sharing tables in the room's SQLite storage (migration 2 in worker/room/migrations.ts):
// one row per file with its upload progress and AES key, one per recipient with its download
// progress. Every query uses bound parameters.

import type { Bytes } from '../../crypto/base64';

export type FileState = 'uploading' | 'stored';
/** offered → downloading → delivered; or declined, cancelled, or gone (the name changed hands). */
export type RecipientState = 'offered' | 'downloading' | 'delivered' | 'declined' | 'cancelled' | 'gone';

export interface FileRow {
  fileId: string;
  uploaderKey: string;
  uploader: string;
  /** Name key and display name of the recipient of a private file; null for the Lobby. */
  toKey: string | null;
  toName: string | null;
  ref: number;
  name: string;
  size: number;
  declaredMime: string;
  /** Decided from the content, once the first chunk is in. */
  mime: string | null;
  sha256: string;
  chunkSize: number;
  /** Chunks per staged R2 object (worker/room/files/staging.ts). */
  objectChunks: number;
  key: Bytes;
  state: FileState;
  /** Upload progress: chunks stored (0..next-1) and their bytes. */
  next: number;
  bytes: number;
  createdAt: number;
  /** Last stored chunk (or the offer), for the idle-upload sweep. */
  touchedAt: number;
  storedAt: number | null;
  expiresAt: number;
  /**
   * A private file sealed end to end: the sender's envelope (JSON). Then name, declaredMime and
   * sha256 are '' and the room checks neither type nor hash; the recipient's client does.
   */
  envelope: string | null;
}

export interface RecipientRow {
  fileId: string;
  nameKey: string;
  name: string;
  state: RecipientState;
  /** Chunks the recipient acknowledged (0..acked-1), as of the download's start or its socket's close. */
  acked: number;
  /** Chunks handed to the recipient's socket (0..sent-1), as of the same moments. */
  sent: number;
}

export const SETTLED: ReadonlySet<RecipientState> = new Set(['delivered', 'declined', 'cancelled', 'gone']);

type FileRecord = {
  file_id: string;
  uploader_key: string;
  uploader: string;
  to_key: string | null;
  to_name: string | null;
  ref: number;
  name: string;
  size: number;
  declared_mime: string;
  mime: string | null;
  sha256: string;
  chunk_size: number;
  object_chunks: number;
  file_key: ArrayBuffer;
  state: FileState;
  next_chunk: number;
  bytes: number;
  created_at: number;
  touched_at: number;
  stored_at: number | null;
  expires_at: number;
  envelope: string | null;
};

type RecipientRecord = {
  file_id: string;
  name_key: string;
  name: string;
  state: RecipientState;
  acked: number;
  sent: number;
};

function toFile(r: FileRecord): FileRow {
  return {
    fileId: r.file_id,
    uploaderKey: r.uploader_key,
    uploader: r.uploader,
    toKey: r.to_key,
    toName: r.to_name,
    ref: r.ref,
    name: r.name,
    size: r.size,
    declaredMime: r.declared_mime,
    mime: r.mime,
    sha256: r.sha256,
    chunkSize: r.chunk_size,
    objectChunks: r.object_chunks,
    key: new Uint8Array(r.file_key),
    state: r.state,
    next: r.next_chunk,
    bytes: r.bytes,
    createdAt: r.created_at,
    touchedAt: r.touched_at,
    storedAt: r.stored_at,
    expiresAt: r.expires_at,
    envelope: r.envelope,
  };
}

function toRecipient(r: RecipientRecord): RecipientRow {
  return {
    fileId: r.file_id,
    nameKey: r.name_key,
    name: r.name,
    state: r.state,
    acked: r.acked,
    sent: r.sent,
  };
}

export class FileStore {
  constructor(private readonly sql: SqlStorage) {}

  createFile(f: Omit<FileRow, 'mime' | 'state' | 'next' | 'bytes' | 'storedAt'>): void {
    this.sql.exec(
      `INSERT INTO files (file_id, uploader_key, uploader, to_key, to_name, ref, name, size, declared_mime,
         sha256, chunk_size, object_chunks, file_key, state, created_at, touched_at, expires_at, envelope)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'uploading', ?, ?, ?, ?)`,
      f.fileId,
      f.uploaderKey,
      f.uploader,
      f.toKey,
      f.toName,
      f.ref,
      f.name,
      f.size,
      f.declaredMime,
      f.sha256,
      f.chunkSize,
      f.objectChunks,
      f.key.buffer,
      f.createdAt,
      f.touchedAt,
      f.expiresAt,
      f.envelope,
    );
  }

  getFile(fileId: string): FileRow | null {
    const row = this.sql.exec<FileRecord>('SELECT * FROM files WHERE file_id = ?', fileId).toArray()[0];
    return row ? toFile(row) : null;
  }

  countUploading(uploaderKey: string): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM files WHERE uploader_key = ? AND state = 'uploading'",
        uploaderKey,
      )
      .one().n;
  }

  /** Bytes staged now (uploading, or stored and not yet expired): `uploaderKey`'s and the whole room's. */
  stagedBytes(uploaderKey: string, now: number): { user: number; room: number } {
    return this.sql
      .exec<{ user: number; room: number }>(
        `SELECT COALESCE(SUM(CASE WHEN uploader_key = ? THEN size ELSE 0 END), 0) AS user,
                COALESCE(SUM(size), 0) AS room
           FROM files WHERE expires_at > ?`,
        uploaderKey,
        now,
      )
      .one();
  }

  setMime(fileId: string, mime: string): void {
    this.sql.exec('UPDATE files SET mime = ? WHERE file_id = ?', mime, fileId);
  }

  /** Chunks 0..next-1 are staged: the upload continues at `next`. */
  recordChunk(fileId: string, next: number, bytes: number, now: number): void {
    this.sql.exec(
      'UPDATE files SET next_chunk = ?, bytes = ?, touched_at = ? WHERE file_id = ?',
      next,
      bytes,
      now,
      fileId,
    );
  }

  /** The upload is complete and checked; the staged file lives until `expiresAt`. */
  markStored(
    fileId: string,
    now: number,
    expiresAt: number,
    recipients: readonly { key: string; name: string }[],
  ) {
    this.sql.exec(
      "UPDATE files SET state = 'stored', stored_at = ?, touched_at = ?, expires_at = ? WHERE file_id = ?",
      now,
      now,
      expiresAt,
      fileId,
    );
    for (const r of recipients) {
      this.sql.exec(
        `INSERT INTO file_recipients (file_id, name_key, name, state) VALUES (?, ?, ?, 'offered')
         ON CONFLICT(file_id, name_key) DO NOTHING`,
        fileId,
        r.key,
        r.name,
      );
    }
  }

  getRecipient(fileId: string, nameKey: string): RecipientRow | null {
    const row = this.sql
      .exec<RecipientRecord>(
        'SELECT * FROM file_recipients WHERE file_id = ? AND name_key = ?',
        fileId,
        nameKey,
      )
      .toArray()[0];
    return row ? toRecipient(row) : null;
  }

  recipients(fileId: string): RecipientRow[] {
    return this.sql
      .exec<RecipientRecord>('SELECT * FROM file_recipients WHERE file_id = ?', fileId)
      .toArray()
      .map(toRecipient);
  }

  setRecipientState(fileId: string, nameKey: string, state: RecipientState): void {
    this.sql.exec(
      'UPDATE file_recipients SET state = ? WHERE file_id = ? AND name_key = ?',
      state,
      fileId,
      nameKey,
    );
  }

  /** A download (re)starts at chunk `from`. */
  startDownload(fileId: string, nameKey: string, from: number): void {
    this.sql.exec(
      "UPDATE file_recipients SET state = 'downloading', acked = ?, sent = ? WHERE file_id = ? AND name_key = ?",
      from,
      from,
      fileId,
      nameKey,
    );
  }

  /**
   * A download's socket went with chunks 0..acked-1 acknowledged: what was sent after them was
   * lost with it. (Progress is not written per chunk, see download.ts.)
   */
  recordDownloadStopped(fileId: string, nameKey: string, acked: number): void {
    this.sql.exec(
      'UPDATE file_recipients SET acked = MAX(acked, ?), sent = MAX(acked, ?) WHERE file_id = ? AND name_key = ?',
      acked,
      acked,
      fileId,
      nameKey,
    );
  }

  /** Recipients still to download or decline. */
  unsettled(fileId: string): number {
    return this.sql
      .exec<{ n: number }>(
        "SELECT COUNT(*) AS n FROM file_recipients WHERE file_id = ? AND state IN ('offered', 'downloading')",
        fileId,
      )
      .one().n;
  }

  /** Staged files waiting for this recipient: offers to repeat after a reconnect. */
  openOffersFor(nameKey: string): FileRow[] {
    return this.sql
      .exec<FileRecord>(
        `SELECT f.* FROM files f JOIN file_recipients r ON r.file_id = f.file_id
         WHERE r.name_key = ? AND r.state IN ('offered', 'downloading') AND f.state = 'stored'
         ORDER BY f.stored_at`,
        nameKey,
      )
      .toArray()
      .map(toFile);
  }

  /** The ids of `nameKey`'s unfinished uploads. */
  uploadsBy(nameKey: string): string[] {
    return this.sql
      .exec<{ file_id: string }>(
        "SELECT file_id FROM files WHERE uploader_key = ? AND state = 'uploading'",
        nameKey,
      )
      .toArray()
      .map((r) => r.file_id);
  }

  /**
   * The name was taken by someone new (not resumed with its token): its unfinished uploads are
   * returned for deletion, its staged files no longer notify it, and it loses its offers.
   * Returns the ids of files whose recipients may now all be settled.
   */
  forgetUser(nameKey: string): { uploads: string[]; offers: string[] } {
    const uploads = this.uploadsBy(nameKey);
    // '' is no one's name key (names have at least two characters).
    this.sql.exec("UPDATE files SET uploader_key = '' WHERE uploader_key = ? AND state = 'stored'", nameKey);
    const offers = this.sql
      .exec<{ file_id: string }>(
        "SELECT file_id FROM file_recipients WHERE name_key = ? AND state IN ('offered', 'downloading')",
        nameKey,
      )
      .toArray()
      .map((r) => r.file_id);
    this.sql.exec(
      "UPDATE file_recipients SET state = 'gone' WHERE name_key = ? AND state IN ('offered', 'downloading')",
      nameKey,
    );
    return { uploads, offers };
  }

  /** Every file the room holds, in any state (the room is closing: moderation/close-room.ts). */
  allFileIds(): string[] {
    return this.sql
      .exec<{ file_id: string }>('SELECT file_id FROM files')
      .toArray()
      .map((r) => r.file_id);
  }

  deleteFile(fileId: string): void {
    this.sql.exec('DELETE FROM file_recipients WHERE file_id = ?', fileId);
    this.sql.exec('DELETE FROM files WHERE file_id = ?', fileId);
  }

  /** Files due for the sweep: expired, or an upload with no chunk for `idleMs`. */
  due(now: number, idleMs: number): FileRow[] {
    return this.sql
      .exec<FileRecord>(
        "SELECT * FROM files WHERE expires_at <= ? OR (state = 'uploading' AND touched_at + ? <= ?)",
        now,
        idleMs,
        now,
      )
      .toArray()
      .map(toFile);
  }

  /** When the next file falls due, or null when there are no files. */
  nextDue(idleMs: number): number | null {
    return this.sql
      .exec<{ due: number | null }>(
        "SELECT MIN(CASE WHEN state = 'uploading' THEN MIN(expires_at, touched_at + ?) ELSE expires_at END) AS due FROM files",
        idleMs,
      )
      .one().due;
  }
}
