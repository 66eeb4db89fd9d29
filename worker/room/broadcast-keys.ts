// The room broadcast key and the room's Ed25519 signing key: their one owner. The outbox seals
// public traffic once with them (outbox.ts); a member's leave retires the broadcast key, and the
// next broadcast rotates it first, so one new key serves a whole wave of leaves. Everything lives in
// the `meta` table (no migration needed), so it survives an eviction; imported keys are cached.
// Tested in test/worker/broadcast-key.test.ts.

import type { Bytes } from '../crypto/base64';
import { toBase64Url } from '../crypto/base64';
import {
  BROADCAST_KEY_BYTES,
  generateSigningKeyPair,
  importBroadcastKey,
  importSigningKey,
  sealBroadcast,
} from '../crypto/broadcast-frame';
import type { Seq } from '../crypto/frame-codec';
import type { RoomKeyMessage } from '../protocol/broadcast-messages';
import type { BroadcastKeyset } from './broadcast-keyset';
import type { BroadcastRun } from './frame-payloads';

/** Where the keys are kept: the room's `meta` table (RoomStore). */
export interface MetaStore {
  getMeta(key: string): ArrayBuffer | string | number | null;
  setMeta(key: string, value: ArrayBuffer | string | number): void;
}

const META = {
  epoch: 'broadcast_epoch',
  key: 'broadcast_key',
  retired: 'broadcast_retired',
  signing: 'room_signing_key',
  verify: 'room_verify_key',
} as const;

export class BroadcastKeys {
  private keyset: BroadcastKeyset | null = null;
  /** True once a member left after `keyset` was made: the next broadcast needs a new key. */
  private retired: boolean | null = null;
  private verifyRaw: Bytes | null = null;
  private signing: Promise<CryptoKey> | null = null;
  /** The low word of the next broadcast frame's sequence number; the high word is the wake epoch. */
  private lo = 0;

  constructor(private readonly store: MetaStore) {}

  /** Makes sure the room has a signing key (generated once, then kept in SQLite). The join handler awaits it. */
  async ready(): Promise<void> {
    if (this.verify()) return;
    const pair = await generateSigningKeyPair();
    // Another join may have made one meanwhile: the first stored wins.
    if (this.verify()) return;
    this.store.setMeta(META.signing, pair.pkcs8.buffer as ArrayBuffer);
    this.store.setMeta(META.verify, pair.publicRaw.buffer as ArrayBuffer);
    this.verifyRaw = pair.publicRaw;
  }

  /**
   * The key to seal new broadcasts with, rotated first when a member left since it was made; null
   * when the room has no signing key yet (then broadcasts go per recipient).
   */
  current(): BroadcastKeyset | null {
    if (!this.verify()) return null;
    this.retired ??= Number(this.store.getMeta(META.retired) ?? 0) === 1;
    if (this.keyset && !this.retired) return this.keyset;
    if (!this.keyset && !this.retired) {
      const raw = this.store.getMeta(META.key);
      const epoch = Number(this.store.getMeta(META.epoch) ?? 0);
      if (raw instanceof ArrayBuffer && raw.byteLength === BROADCAST_KEY_BYTES && epoch > 0) {
        this.keyset = { epoch, raw: new Uint8Array(raw), key: null };
        return this.keyset;
      }
    }
    return this.rotate();
  }

  /** A member left (or was removed): it holds the current key, so no broadcast may be sealed with it again. */
  retire(): void {
    if (this.retired === true) return;
    this.retired = true;
    this.store.setMeta(META.retired, 1);
  }

  /** The imported AES key of `keyset`. */
  keyOf(keyset: BroadcastKeyset): Promise<CryptoKey> {
    keyset.key ??= importBroadcastKey(keyset.raw);
    return keyset.key;
  }

  /** The room's Ed25519 private key, imported once per wake-up. */
  signingKey(): Promise<CryptoKey> {
    if (!this.signing) {
      const pkcs8 = this.store.getMeta(META.signing);
      if (!(pkcs8 instanceof ArrayBuffer)) return Promise.reject(new Error('no signing key'));
      this.signing = importSigningKey(new Uint8Array(pkcs8)).catch((error: unknown) => {
        this.signing = null;
        throw error;
      });
    }
    return this.signing;
  }

  /**
   * Numbers the broadcast runs of one flush (outbox.ts) and returns how to get each one's frame,
   * sealed once, when it is first needed: the flush sends the sender's echo before it seals the
   * fan-out. Order matters: runs are numbered here, at once, by their first broadcast's id, so every
   * socket, whichever runs it gets, sees broadcast sequence numbers only increase. The high word is
   * the wake epoch, so the numbers keep increasing across evictions.
   */
  sealRuns(runs: ReadonlyMap<string, BroadcastRun>, hi: number): (run: BroadcastRun) => Promise<Bytes> {
    const seqs = new Map<BroadcastRun, Seq>();
    for (const run of [...runs.values()].sort((a, b) => a.first - b.first))
      seqs.set(run, { hi, lo: this.lo++ });
    const sealed = new Map<BroadcastRun, Promise<Bytes>>();
    return (run) => {
      let frame = sealed.get(run);
      if (!frame) {
        const seq = seqs.get(run);
        if (!seq) return Promise.reject(new Error('a broadcast run of another flush'));
        frame = Promise.all([this.keyOf(run.keyset), this.signingKey()]).then(([key, signing]) =>
          sealBroadcast({ epoch: run.keyset.epoch, key, signingKey: signing }, seq, run.payload),
        );
        sealed.set(run, frame);
      }
      return frame;
    };
  }

  /** What a member is sent (under its session key) before the first broadcast frame of `keyset`. */
  message(keyset: BroadcastKeyset): RoomKeyMessage {
    const verify = this.verify();
    if (!verify) throw new Error('no signing key');
    return {
      type: 'room_key',
      epoch: keyset.epoch,
      key: toBase64Url(keyset.raw),
      verify: toBase64Url(verify),
    };
  }

  private verify(): Bytes | null {
    if (this.verifyRaw) return this.verifyRaw;
    const stored = this.store.getMeta(META.verify);
    if (stored instanceof ArrayBuffer) this.verifyRaw = new Uint8Array(stored);
    return this.verifyRaw;
  }

  /** A new random key with the next epoch, stored before anything is sealed with it. */
  private rotate(): BroadcastKeyset {
    const epoch = (Number(this.store.getMeta(META.epoch) ?? 0) + 1) >>> 0 || 1;
    const raw = crypto.getRandomValues(new Uint8Array(BROADCAST_KEY_BYTES));
    this.store.setMeta(META.key, raw.buffer as ArrayBuffer);
    this.store.setMeta(META.epoch, epoch);
    this.store.setMeta(META.retired, 0);
    this.retired = false;
    this.keyset = { epoch, raw, key: null };
    return this.keyset;
  }
}
