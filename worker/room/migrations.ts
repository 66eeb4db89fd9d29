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
];
