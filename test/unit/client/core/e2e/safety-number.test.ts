// Safety numbers: 12 groups of 5 digits, the same on both sides, different when either identity
// key changes (client/core/e2e/safety-number.ts).

import { describe, expect, it } from 'vitest';
import { createIdentityKey } from '../../../../../client/core/e2e/identity-key';
import { safetyNumber, safetyNumberGroups } from '../../../../../client/core/e2e/safety-number';

describe('a safety number', () => {
  it('is 12 groups of 5 digits and the same on both sides', async () => {
    const [alice, bob] = [await createIdentityKey(), await createIdentityKey()];
    const aliceSees = await safetyNumber(alice.publicRaw, bob.publicRaw);
    expect(aliceSees).toMatch(/^\d{5}( \d{5}){11}$/);
    expect(await safetyNumber(bob.publicRaw, alice.publicRaw)).toBe(aliceSees);
    expect(await safetyNumberGroups(alice.publicRaw, bob.publicRaw)).toHaveLength(12);
  });

  it('changes when either identity key changes', async () => {
    const [alice, bob, alice2, bob2] = await Promise.all([1, 2, 3, 4].map(() => createIdentityKey()));
    if (!alice || !bob || !alice2 || !bob2) throw new Error('keys');
    const before = await safetyNumber(alice.publicRaw, bob.publicRaw);
    expect(await safetyNumber(alice2.publicRaw, bob.publicRaw)).not.toBe(before);
    expect(await safetyNumber(alice.publicRaw, bob2.publicRaw)).not.toBe(before);
  });

  it('changes when a single bit of one key changes', async () => {
    const [alice, bob] = [await createIdentityKey(), await createIdentityKey()];
    const flipped = bob.publicRaw.slice();
    flipped[31] = (flipped[31] ?? 0) ^ 0x01;
    expect(await safetyNumber(alice.publicRaw, flipped)).not.toBe(
      await safetyNumber(alice.publicRaw, bob.publicRaw),
    );
  });
});
