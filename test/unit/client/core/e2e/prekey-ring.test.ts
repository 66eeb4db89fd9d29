// The prekey ring over a fake clock: hourly rotation, a 24 h grace period for rotated-out private
// keys, then deletion with only the id remembered (client/core/e2e/prekey-ring.ts).

import { describe, expect, it } from 'vitest';
import { createPrekey } from '../../../../../client/core/e2e/prekey';
import {
  findPrekey,
  maintainPrekeys,
  PREKEY_GRACE_MS,
  PREKEY_ROTATE_MS,
  PREKEY_TOMBSTONE_MS,
  prunePrekeys,
  rotationDue,
} from '../../../../../client/core/e2e/prekey-ring';
import { newSession, T0 } from './sessions';

describe('the prekey ring', () => {
  it('rotates once the current prekey is an hour old, and not before or when the clock steps back', async () => {
    const alice = await newSession('alice');
    expect(rotationDue(alice.prekeys, T0 + PREKEY_ROTATE_MS - 1)).toBe(false);
    expect(rotationDue(alice.prekeys, T0 - PREKEY_ROTATE_MS * 5)).toBe(false);
    expect(rotationDue(alice.prekeys, T0 + PREKEY_ROTATE_MS)).toBe(true);
    const first = alice.prekeys.current;
    const { ring, changed, rotated } = await maintainPrekeys(
      alice.prekeys,
      alice.identity,
      T0 + PREKEY_ROTATE_MS,
    );
    expect([changed, rotated]).toEqual([true, true]);
    expect(ring.current.id).not.toBe(first.id);
    expect(ring.current.createdAt).toBe(T0 + PREKEY_ROTATE_MS);
    expect(ring.retired).toEqual([{ prekey: first, retiredAt: T0 + PREKEY_ROTATE_MS }]);
  });

  it('keeps a rotated-out private key for 24 h, then deletes it and reports its id as expired', async () => {
    const alice = await newSession('alice');
    const first = alice.prekeys.current;
    let ring = (await maintainPrekeys(alice.prekeys, alice.identity, T0 + PREKEY_ROTATE_MS)).ring;
    const retiredAt = T0 + PREKEY_ROTATE_MS;
    expect(findPrekey(ring, first.id, retiredAt + PREKEY_GRACE_MS - 1)).toEqual({ ok: true, prekey: first });
    expect(findPrekey(ring, first.id, retiredAt + PREKEY_GRACE_MS)).toEqual({
      ok: false,
      reason: 'prekey_expired',
    });
    ring = prunePrekeys(ring, retiredAt + PREKEY_GRACE_MS);
    expect(ring.retired).toEqual([]);
    expect(ring.deleted).toEqual([{ id: first.id, deletedAt: retiredAt + PREKEY_GRACE_MS }]);
    expect(JSON.stringify(ring.deleted)).not.toContain('privateKey');
    expect(findPrekey(ring, first.id, retiredAt + PREKEY_GRACE_MS)).toEqual({
      ok: false,
      reason: 'prekey_expired',
    });
  });

  it('forgets a deleted id after the tombstone period, when it becomes unknown', async () => {
    const alice = await newSession('alice');
    const first = alice.prekeys.current;
    const deletedAt = T0 + PREKEY_ROTATE_MS + PREKEY_GRACE_MS;
    let ring = (await maintainPrekeys(alice.prekeys, alice.identity, T0 + PREKEY_ROTATE_MS)).ring;
    ring = prunePrekeys(ring, deletedAt);
    expect(prunePrekeys(ring, deletedAt + PREKEY_TOMBSTONE_MS - 1).deleted).toHaveLength(1);
    ring = prunePrekeys(ring, deletedAt + PREKEY_TOMBSTONE_MS);
    expect(findPrekey(ring, first.id, deletedAt + PREKEY_TOMBSTONE_MS)).toEqual({
      ok: false,
      reason: 'prekey_unknown',
    });
  });

  it('holds about a day of retired keys when it is maintained every hour', async () => {
    const alice = await newSession('alice');
    let ring = alice.prekeys;
    for (let hour = 1; hour <= 48; hour++) {
      ring = (await maintainPrekeys(ring, alice.identity, T0 + hour * PREKEY_ROTATE_MS)).ring;
    }
    expect(ring.retired.length).toBe(PREKEY_GRACE_MS / PREKEY_ROTATE_MS);
    expect(ring.deleted.length).toBe(48 - ring.retired.length);
  });

  it('reports no change when nothing is due', async () => {
    const alice = await newSession('alice');
    const result = await maintainPrekeys(alice.prekeys, alice.identity, T0 + 1000);
    expect(result).toEqual({ ring: alice.prekeys, changed: false, rotated: false });
  });

  it('signs each new prekey with the session’s identity', async () => {
    const alice = await newSession('alice');
    const prekey = await createPrekey(alice.identity, T0);
    expect(prekey.privateKey.extractable).toBe(false);
    expect(prekey.publicRaw.byteLength).toBe(32);
  });
});
