// The browser's KeyStore: one IndexedDB record per session id. CryptoKeys are stored as CryptoKey
// objects (structured clone keeps them non-extractable), never exported. Records are parsed when read.

import * as v from 'valibot';
import type { KeyStore, SessionKeys } from './key-store';

const DB_NAME = 'chatspace-e2e';
const STORE = 'sessions';
const VERSION = 1;

const Key = v.custom<CryptoKey>((value) => typeof CryptoKey !== 'undefined' && value instanceof CryptoKey);
const Raw = v.custom<Uint8Array<ArrayBuffer>>((value) => value instanceof Uint8Array);
const Prekey = v.object({
  id: v.string(),
  createdAt: v.number(),
  privateKey: Key,
  publicKey: Key,
  publicRaw: Raw,
  signature: Raw,
});
const SessionRecord = v.object({
  identity: v.object({ id: v.string(), privateKey: Key, publicKey: Key, publicRaw: Raw }),
  prekeys: v.object({
    current: Prekey,
    retired: v.array(v.object({ prekey: Prekey, retiredAt: v.number() })),
    deleted: v.array(v.object({ id: v.string(), deletedAt: v.number() })),
  }),
});

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, VERSION);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
  };
  return request(req);
}

/** Resolves once the transaction commits, so a save is durable before the caller publishes keys. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function idbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => {
    db ??= open(factory).catch((error: unknown) => {
      db = null;
      throw error;
    });
    return db;
  };
  return {
    async load(sessionId) {
      const tx = (await database()).transaction(STORE, 'readonly');
      const value: unknown = await request(tx.objectStore(STORE).get(sessionId));
      if (value === undefined) return null;
      const parsed = v.safeParse(SessionRecord, value);
      return parsed.success ? (parsed.output satisfies SessionKeys) : null;
    },
    async save(sessionId, keys) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(keys, sessionId);
      await committed(tx);
    },
    async deleteSession(sessionId) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(sessionId);
      await committed(tx);
    },
    async deleteStale(before, keep) {
      const tx = (await database()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const ids = (await request(store.getAllKeys())).filter((id) => id !== keep);
      let n = 0;
      for (const id of ids) {
        const parsed = v.safeParse(SessionRecord, await request(store.get(id)));
        // A record that no longer parses is as unusable as a stale one.
        if (!parsed.success || parsed.output.prekeys.current.createdAt < before) {
          store.delete(id);
          n++;
        }
      }
      await committed(tx);
      return n;
    },
  };
}
