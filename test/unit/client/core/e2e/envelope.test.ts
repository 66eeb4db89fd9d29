// Private message envelopes: both copies open, and any change, re-addressing, forgery or expired
// prekey is refused with a reason, never an exception (client/core/e2e/envelope.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Envelope,
  MAX_ENVELOPE_BYTES,
  openMessage,
  sealMessage,
} from '../../../../../client/core/e2e/envelope';
import { createPrekey } from '../../../../../client/core/e2e/prekey';
import { PREKEY_GRACE_MS, PREKEY_ROTATE_MS, rotatePrekeys } from '../../../../../client/core/e2e/prekey-ring';
import { context, newSession, parties, T0 } from './sessions';

const body = { text: 'meet at noon 🌞', ts: T0, cid: 7 };

describe('a private message envelope', () => {
  it('opens for the recipient and for the sender’s own copy, with the same body', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const envelope = await sealMessage(body, await parties(alice, bob));
    expect(await openMessage(envelope, await context(bob, alice))).toEqual({ ok: true, body });
    expect(await openMessage(envelope, await context(alice, bob))).toEqual({ ok: true, body });
  });

  it('survives JSON serialization and carries no plaintext', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const text = JSON.stringify(await sealMessage(body, await parties(alice, bob)));
    expect(text).not.toContain('noon');
    expect(await openMessage(JSON.parse(text), await context(bob, alice))).toEqual({ ok: true, body });
  });

  it('fails to open after any single bit of its serialized form is flipped', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const bytes = new TextEncoder().encode(
      JSON.stringify(await sealMessage(body, await parties(alice, bob))),
    );
    const bobSide = await context(bob, alice);
    const aliceSide = await context(alice, bob);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        let input: unknown;
        try {
          input = JSON.parse(new TextDecoder().decode(flipped));
        } catch {
          return; // no longer JSON: refused before open
        }
        expect((await openMessage(input, bobSide)).ok).toBe(false);
        expect((await openMessage(input, aliceSide)).ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('is refused by a third party it was not sealed for', async () => {
    const [alice, bob, carol] = [
      await newSession('alice'),
      await newSession('bob'),
      await newSession('carol'),
    ];
    const envelope = await sealMessage(body, await parties(alice, bob));
    expect(await openMessage(envelope, await context(carol, alice))).toEqual({
      ok: false,
      reason: 'recipient',
    });
  });

  it('is refused when re-addressed to another recipient, by name alone or with that recipient’s key ids', async () => {
    const [alice, bob, carol] = [
      await newSession('alice'),
      await newSession('bob'),
      await newSession('carol'),
    ];
    const envelope = await sealMessage(body, await parties(alice, bob));
    const byName: Envelope = { ...envelope, to: { ...envelope.to, name: 'carol' } };
    expect(await openMessage(byName, await context(carol, alice))).toEqual({
      ok: false,
      reason: 'recipient',
    });
    const carolKeys = { name: 'carol', ik: carol.identity.id, pk: carol.prekeys.current.id };
    const byKeys: Envelope = { ...envelope, to: carolKeys };
    expect(await openMessage(byKeys, await context(carol, alice))).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('is refused when replayed into another conversation of the recipient', async () => {
    const [alice, bob, carol] = [
      await newSession('alice'),
      await newSession('bob'),
      await newSession('carol'),
    ];
    const envelope = await sealMessage(body, await parties(alice, bob));
    const asCarol: Envelope = { ...envelope, from: { ...envelope.from, name: 'carol' } };
    expect(await openMessage(asCarol, await context(bob, carol))).toEqual({ ok: false, reason: 'signature' });
    expect((await openMessage(envelope, await context(bob, carol))).ok).toBe(false);
  });

  it('is refused when another identity claims to be the sender', async () => {
    const [alice, bob, mallory] = [
      await newSession('alice'),
      await newSession('bob'),
      await newSession('alice'),
    ];
    // mallory took the name "alice" with her own key: bob knows only alice's key.
    const forged = await sealMessage(body, await parties(mallory, bob));
    expect(await openMessage(forged, await context(bob, alice))).toEqual({ ok: false, reason: 'signature' });
    // …nor does naming alice's key id help, since mallory cannot sign with it.
    const claimed: Envelope = { ...forged, from: { ...forged.from, ik: alice.identity.id } };
    expect(await openMessage(claimed, await context(bob, alice))).toEqual({ ok: false, reason: 'signature' });
  });

  it('opens with a rotated-out prekey during its 24 h grace period and not after', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const envelope = await sealMessage(body, await parties(alice, bob));
    const rotatedAt = T0 + PREKEY_ROTATE_MS;
    bob.prekeys = rotatePrekeys(bob.prekeys, await createPrekey(bob.identity, rotatedAt), rotatedAt);
    const lastMoment = rotatedAt + PREKEY_GRACE_MS - 1;
    expect(await openMessage(envelope, await context(bob, alice, lastMoment))).toEqual({ ok: true, body });
    const after = rotatedAt + PREKEY_GRACE_MS;
    expect(await openMessage(envelope, await context(bob, alice, after))).toEqual({
      ok: false,
      reason: 'prekey_expired',
    });
  });

  it('reports a prekey this session never had as unknown', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const envelope = await sealMessage(body, await parties(alice, bob));
    const bobLater = { ...bob, prekeys: { ...bob.prekeys, current: await createPrekey(bob.identity, T0) } };
    expect(await openMessage(envelope, await context(bobLater, alice))).toEqual({
      ok: false,
      reason: 'prekey_unknown',
    });
  });

  it('never throws on input that is not an envelope', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const bobSide = await context(bob, alice);
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        expect(await openMessage(input, bobSide)).toEqual({ ok: false, reason: 'malformed' });
      }),
      { numRuns: 300 },
    );
  });

  it('fits in MAX_ENVELOPE_BYTES for the longest, worst-escaping message, and refuses a longer one', async () => {
    const [alice, bob] = [await newSession('alice'), await newSession('bob')];
    const sides = await parties(alice, bob);
    const worst = { text: '\u0001'.repeat(4000), ts: T0, cid: Number.MAX_SAFE_INTEGER };
    const envelope = await sealMessage(worst, sides);
    expect(new TextEncoder().encode(JSON.stringify(envelope)).length).toBeLessThanOrEqual(MAX_ENVELOPE_BYTES);
    expect(await openMessage(envelope, await context(bob, alice))).toEqual({ ok: true, body: worst });
    await expect(sealMessage({ ...worst, text: 'x'.repeat(4001) }, sides)).rejects.toThrow(RangeError);
  });
});
