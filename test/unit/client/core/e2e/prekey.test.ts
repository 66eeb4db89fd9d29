// Signed prekeys: a peer's published prekey verifies against its identity key and nothing else,
// and any change to it is refused (client/core/e2e/prekey.ts).

import { describe, expect, it } from 'vitest';
import { toBase64Url } from '#crypto/base64';
import { publishPrekey, verifySignedPrekey } from '../../../../../client/core/e2e/prekey';
import { newSession, publicIdentity } from './sessions';

describe('a signed prekey', () => {
  it('verifies against the identity that signed it', async () => {
    const alice = await newSession('alice');
    const verified = await verifySignedPrekey(
      await publicIdentity(alice),
      publishPrekey(alice.prekeys.current),
    );
    expect(verified).toMatchObject({ id: alice.prekeys.current.id, identityId: alice.identity.id });
  });

  it('does not verify against another identity', async () => {
    const [alice, mallory] = [await newSession('alice'), await newSession('mallory')];
    expect(
      await verifySignedPrekey(await publicIdentity(mallory), publishPrekey(alice.prekeys.current)),
    ).toBeNull();
  });

  it('is refused when its key, id, creation time or signature is changed', async () => {
    const [alice, other] = [await newSession('alice'), await newSession('other')];
    const identity = await publicIdentity(alice);
    const published = publishPrekey(alice.prekeys.current);
    const otherKey = publishPrekey(other.prekeys.current);
    const sig = alice.prekeys.current.signature.slice();
    sig[0] = (sig[0] ?? 0) ^ 1;
    for (const changed of [
      { ...published, key: otherKey.key },
      { ...published, key: otherKey.key, id: otherKey.id },
      { ...published, createdAt: published.createdAt + 1 },
      { ...published, sig: toBase64Url(sig) },
      { ...published, extra: 1 },
      { id: published.id },
      'not a prekey',
    ]) {
      expect(await verifySignedPrekey(identity, changed)).toBeNull();
    }
  });
});
