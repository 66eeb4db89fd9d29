// The end-to-end crypto core runs inside workerd: Ed25519, X25519 and @hpke/core (loaded with a
// dynamic import, as the client does) seal an envelope there and open it on both sides.

import { describe, expect, it } from 'vitest';
import { openMessage, sealMessage } from '../../client/core/e2e/envelope';
import { createIdentityKey, exportIdentity, importIdentity } from '../../client/core/e2e/identity-key';
import { createPrekey, publishPrekey, verifySignedPrekey } from '../../client/core/e2e/prekey';
import { newPrekeyRing } from '../../client/core/e2e/prekey-ring';

async function session(name: string, now: number) {
  const identity = await createIdentityKey();
  const prekeys = newPrekeyRing(await createPrekey(identity, now));
  const published = await importIdentity(exportIdentity(identity));
  if (!published) throw new Error('identity did not import');
  return { name, identity, prekeys, published };
}

describe('end-to-end crypto in workerd', () => {
  it('seals a private message that the recipient and the sender both open', async () => {
    const now = Date.now();
    const [alice, bob] = [await session('alice', now), await session('bob', now)];
    const bobPrekey = await verifySignedPrekey(bob.published, publishPrekey(bob.prekeys.current));
    if (!bobPrekey) throw new Error('prekey did not verify');
    const body = { text: 'sealed in workerd', ts: now, cid: 1 };
    const envelope = await sealMessage(body, {
      sender: { name: alice.name, identity: alice.identity, prekey: alice.prekeys.current },
      recipient: { name: bob.name, identity: bob.published, prekey: bobPrekey },
    });
    const wire: unknown = JSON.parse(JSON.stringify(envelope));
    const asBob = { me: bob, peer: { name: alice.name, identities: [alice.published] }, now };
    const asAlice = { me: alice, peer: { name: bob.name, identities: [bob.published] }, now };
    expect(await openMessage(wire, asBob)).toEqual({ ok: true, body });
    expect(await openMessage(wire, asAlice)).toEqual({ ok: true, body });
  });
});
