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
  // 3: the audit log (worker/room/audit). Metadata only; AUTOINCREMENT so that an id is never reused,
  // even after the table empties: `--follow` and the admin page page by id.
  `CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     user TEXT,
     peer TEXT,
     size INTEGER,
     code TEXT,
     ref TEXT,
     detail TEXT
   );
   CREATE INDEX events_by_at ON events (at);
   CREATE INDEX events_by_kind ON events (kind, at);
   CREATE INDEX events_by_user ON events (user COLLATE NOCASE, at);
   CREATE INDEX events_by_peer ON events (peer COLLATE NOCASE, at);`,
  // 4: message history (worker/room/messages/message-store.ts). Public rows are kept for the history
  // policy; private rows only while one of their two sessions can still resume. `session` ties a name's
  // reservation to the session that owns its private history (names are not accounts).
  `ALTER TABLE reservations ADD COLUMN session TEXT;
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     private INTEGER NOT NULL,
     from_name TEXT NOT NULL,
     from_session TEXT NOT NULL,
     to_name TEXT,
     to_session TEXT,
     cid INTEGER NOT NULL,
     text TEXT NOT NULL,
     ts INTEGER NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX messages_public ON messages (private, id);
   CREATE INDEX messages_from_session ON messages (from_session, id) WHERE private = 1;
   CREATE INDEX messages_to_session ON messages (to_session, id) WHERE private = 1;
   CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content = 'messages', content_rowid = 'id');
   CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.private = 0 BEGIN
     INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
   END;
   CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.private = 0 BEGIN
     INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
   END;
   CREATE TABLE receipts (
     from_session TEXT NOT NULL,
     to_session TEXT NOT NULL,
     to_name TEXT NOT NULL,
     delivered INTEGER NOT NULL DEFAULT 0,
     seen INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (from_session, to_session)
   ) WITHOUT ROWID;`,
  // 5: how many chunks each staged R2 object of a file holds (worker/room/files/staging.ts). Files
  // staged before it hold one chunk per object.
  'ALTER TABLE files ADD COLUMN object_chunks INTEGER NOT NULL DEFAULT 1;',
  // 6: the resume token a reservation's owner last used, still good (room-store.ts Reservation).
  'ALTER TABLE reservations ADD COLUMN previous_token_hash TEXT;',
  // 7: when that previous token stops working (PREVIOUS_TOKEN_GRACE_MS after the newer one was issued).
  // Tokens kept before it have no time and stop working at once; their owners hold the newer one.
  'ALTER TABLE reservations ADD COLUMN previous_expires_at INTEGER;',
  // 8: end-to-end encryption (issue 12). The keys each name's session published (key-directory.ts):
  // public keys only. A private message sealed end to end keeps its envelope as JSON text in
  // `envelope` (its `text` is then ''); the FTS triggers index public rows only, so no envelope is
  // ever indexed.
  `CREATE TABLE member_keys (
     name_key TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     session TEXT NOT NULL,
     keys TEXT NOT NULL,
     published_at INTEGER NOT NULL
   );
   ALTER TABLE messages ADD COLUMN envelope TEXT;`,
  // 9: events that refer to a message (worker/room/messages/message-events-store.ts). An event is a
  // row of `messages` with kind 'reaction', 'edited' or 'deleted', no text, and `target` the message's
  // id, so it takes its place in the one id sequence that history and resume replay follow; it copies
  // its target's private/session columns, so replay shows it to the same people. One row per target
  // and kind: a newer event replaces the older. An edit rewrites `text` (the room keeps only the
  // latest); a delete empties it and sets `deleted` (a tombstone). The FTS triggers follow both, and
  // FTS5's secure-delete removes the old tokens from the index itself, not just hides them.
  `ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'msg';
   ALTER TABLE messages ADD COLUMN target INTEGER;
   ALTER TABLE messages ADD COLUMN reply_to INTEGER;
   ALTER TABLE messages ADD COLUMN edited_at INTEGER;
   ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
   CREATE UNIQUE INDEX messages_events ON messages (target, kind) WHERE target IS NOT NULL;
   CREATE TABLE reactions (
     message_id INTEGER NOT NULL,
     emoji TEXT NOT NULL,
     name_key TEXT NOT NULL,
     name TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (message_id, emoji, name_key)
   ) WITHOUT ROWID;
   DROP TRIGGER messages_fts_insert;
   DROP TRIGGER messages_fts_delete;
   CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
     WHEN new.private = 0 AND new.kind = 'msg' BEGIN
     INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
   END;
   CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
     WHEN old.private = 0 AND old.kind = 'msg' AND old.deleted = 0 BEGIN
     INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
   END;
   CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
     WHEN old.private = 0 AND old.kind = 'msg' AND old.deleted = 0 BEGIN
     INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
     INSERT INTO messages_fts (rowid, text) SELECT new.id, new.text WHERE new.deleted = 0;
   END;
   INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);`,
  // 10: private files sealed end to end (issue 12): the sender's envelope, as JSON text. Such a row
  // has no name, type or hash ('' in those columns): the room never sees them.
  'ALTER TABLE files ADD COLUMN envelope TEXT;',
  // 11: owners and moderation (issue 14; worker/room/moderation). One settings row: the SHA-256 of the
  // owner token (never the token; NULL for the lobby and for rooms made by their first socket), the
  // topic, whether the owner listed the room, and slow mode. One row per ban or mute, by name and by
  // the session that held the name, with its end; an expired row is ignored and pruned. A name's last
  // Lobby message while slow mode is on is kept with its reservation.
  `CREATE TABLE room_settings (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     owner_hash TEXT,
     topic TEXT NOT NULL DEFAULT '',
     listed INTEGER NOT NULL DEFAULT 1,
     slow_mode_s INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE sanctions (
     kind TEXT NOT NULL,
     name_key TEXT NOT NULL,
     name TEXT NOT NULL,
     session TEXT,
     until INTEGER NOT NULL,
     PRIMARY KEY (kind, name_key)
   ) WITHOUT ROWID;
   ALTER TABLE reservations ADD COLUMN last_post_at INTEGER;`,
];
