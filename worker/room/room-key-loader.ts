// Loads the room's RSA key pair: from the ROOM_PRIVATE_KEY secret when set, otherwise from
// SQLite, generating and persisting one on first use so it survives restarts and hibernation.

import { generateRoomKeyPair, loadRoomKeyPair, pemToPkcs8, type RoomKeyPair } from '../crypto/room-key';
import type { AuditLog } from './audit/audit-log';
import { errorName, logEvent } from './log';
import type { RoomStore } from './room-store';

export async function loadRoomKey(
  store: RoomStore,
  secret: string | undefined,
  audit: AuditLog,
): Promise<RoomKeyPair> {
  if (secret && secret.trim().length > 0) {
    try {
      return await loadRoomKeyPair(pemToPkcs8(secret));
    } catch (error) {
      // Say which setting is wrong (never what it holds): every connection fails until it is fixed.
      logEvent('room_key_invalid', { source: 'ROOM_PRIVATE_KEY', error: errorName(error) });
      throw error;
    }
  }
  const stored = store.getMeta('room_private_key');
  if (stored instanceof ArrayBuffer) return loadRoomKeyPair(new Uint8Array(stored));
  const { pkcs8 } = await generateRoomKeyPair();
  const pair = await loadRoomKeyPair(pkcs8);
  store.setMeta('room_private_key', pkcs8.buffer as ArrayBuffer);
  logEvent('room_key_created', { fingerprint: pair.fingerprint });
  // The public key's fingerprint, which every client is shown anyway; never the key itself.
  audit.record('room_key_created', { ref: pair.fingerprint });
  return pair;
}

/** Loads the key on the first call and shares it; a failed load is retried by the next call. */
export function memoizedRoomKey(load: () => Promise<RoomKeyPair>): () => Promise<RoomKeyPair> {
  let loading: Promise<RoomKeyPair> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null; // the next connection retries
      throw error;
    });
    return loading;
  };
}
