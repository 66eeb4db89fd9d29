// Where a session's end-to-end keys live between page loads: an interface keyed by session id
// (the resume-token chain of one name in one tab), and an in-memory implementation for tests and Node.
// The browser's implementation is idb-key-store.ts. Private keys stay non-extractable CryptoKeys.

import type { IdentityKey } from './identity-key';
import type { PrekeyRing } from './prekey-ring';

export interface SessionKeys {
  readonly identity: IdentityKey;
  readonly prekeys: PrekeyRing;
}

export interface KeyStore {
  load(sessionId: string): Promise<SessionKeys | null>;
  save(sessionId: string, keys: SessionKeys): Promise<void>;
  /** The session ended for good: its identity and every prekey are deleted. */
  deleteSession(sessionId: string): Promise<void>;
  /**
   * Deletes every session but `keep` whose current prekey was made before `before`: a live session
   * rotates hourly, so one that stopped long ago ended with its tab (closed without a goodbye, its
   * name long lapsed). Returns how many went.
   */
  deleteStale(before: number, keep: string): Promise<number>;
}

export function memoryKeyStore(): KeyStore {
  const sessions = new Map<string, SessionKeys>();
  return {
    load: async (sessionId) => sessions.get(sessionId) ?? null,
    save: async (sessionId, keys) => {
      sessions.set(sessionId, keys);
    },
    deleteSession: async (sessionId) => {
      sessions.delete(sessionId);
    },
    deleteStale: async (before, keep) => {
      let n = 0;
      for (const [id, keys] of sessions)
        if (id !== keep && keys.prekeys.current.createdAt < before && sessions.delete(id)) n++;
      return n;
    },
  };
}
