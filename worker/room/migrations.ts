// Versioned schema migrations for the ChatRoom's SQLite storage. Each runs once, in order,
// inside blockConcurrencyWhile (room-store.ts). Append; never edit a shipped migration.

export const MIGRATIONS: readonly string[] = [
  // 1: room metadata (room key, wake epoch) and name reservations for resume tokens.
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
   CREATE TABLE reservations (
     name_key TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     expires_at INTEGER,
     last_cid INTEGER NOT NULL DEFAULT -1
   );`,
  // 2: file sharing (worker/room/files/file-store.ts). A file's AES key lives only here; the row goes
  // with the staged objects once every recipient is done, or at expiry.
  `CREATE TABLE files (
     file_id TEXT PRIMARY KEY,
     uploader_key TEXT NOT NULL,
     uploader TEXT NOT NULL,
     to_key TEXT,
     to_name TEXT,
     ref INTEGER NOT NULL,
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     declared_mime TEXT NOT NULL,
     mime TEXT,
     sha256 TEXT NOT NULL,
     chunk_size INTEGER NOT NULL,
     file_key BLOB NOT NULL,
     state TEXT NOT NULL,
     next_chunk INTEGER NOT NULL DEFAULT 0,
     bytes INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     touched_at INTEGER NOT NULL,
     stored_at INTEGER,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX files_by_uploader ON files (uploader_key, state);
   CREATE TABLE file_recipients (
     file_id TEXT NOT NULL,
     name_key TEXT NOT NULL,
     name TEXT NOT NULL,
     state TEXT NOT NULL,
     acked INTEGER NOT NULL DEFAULT 0,
     sent INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (file_id, name_key)
   ) WITHOUT ROWID;
   CREATE INDEX file_recipients_by_name ON file_recipients (name_key, state);`,
  // 3: how many chunks each staged R2 object of a file holds (worker/room/files/staging.ts). Files
  // staged before it hold one chunk per object.
  'ALTER TABLE files ADD COLUMN object_chunks INTEGER NOT NULL DEFAULT 1;',
];
