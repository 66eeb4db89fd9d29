// First contact for a private file (client/core/file-transfer/sealed-offer.ts through a real
// E2eLink): a fresh sender's first sealed offer can arrive before the presence change announcing
// its keys. The recipient asks the room for the sender's keys and opens the offer when they come;
// a broken signature from a key it already knows fails at once, without asking.

import { beforeAll, describe, expect, it } from 'vitest';
import type { FileServerMessage } from '#protocol/file-messages';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { sealFile } from '../../../../../client/core/e2e/file-seal';
import type { Download } from '../../../../../client/core/file-transfer/download';
import { FileTransfers } from '../../../../../client/core/file-transfer/file-transfers';
import { brokenSig, joinedLink } from '../e2e/joined-link';
import { T0 } from '../e2e/sessions';
import { FakeLink, FILE_ID } from './fake-link';

const FACTS = { name: 'cat.png', type: 'image/png', size: 1_000, sha256: 'a'.repeat(64) };

/** alice (who knows bob's keys) seals a file offer to bob, as the room would relay it. */
async function sealedOfferToBob() {
  const bob = await joinedLink('bob');
  const alice = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
  const parties = await alice.link.sealParties('bob');
  if (!parties) throw new Error('alice cannot seal to bob');
  const sealed = await sealFile(FACTS, parties, 1, T0);
  const offered = {
    type: 'file_offered',
    fileId: FILE_ID,
    from: 'alice',
    to: 'bob',
    envelope: sealed.envelope,
    size: sealed.wireSize,
    chunkSize: FILE_CHUNK_BYTES,
    at: T0,
  } satisfies FileServerMessage;
  const fileLink = new FakeLink('bob');
  fileLink.e2e = bob.link;
  const transfers = new FileTransfers(fileLink);
  /** Why the offer was shown failed, if it was. */
  const failures: string[] = [];
  const offer = new Promise<Download>((resolve) =>
    transfers.on('offer', (download) => {
      download.on('failed', (failure) => failures.push(failure.message));
      resolve(download);
    }),
  );
  return { alice, bob, offered, fileLink, offer, failures };
}

// The first sealed offer loads @hpke/core (a dynamic import): not what these tests time.
beforeAll(async () => {
  await sealedOfferToBob();
}, 60_000);

describe('a sealed file offer from a sender whose keys have not arrived yet', () => {
  it('is opened once the room answers the keys request it makes', async () => {
    const { alice, bob, offered, fileLink, offer } = await sealedOfferToBob();
    const asked = bob.nextSent('keys');
    fileLink.fire('file', offered);
    expect(await asked).toEqual({ type: 'keys', name: 'alice' });
    bob.answerKeys('alice', alice.keys);

    const download = await offer;
    expect(download.phase).not.toBe('failed');
    expect(download.name).toBe('cat.png');
    expect(download.offer).toMatchObject({ mime: 'image/png', size: 1_000, sha256: 'a'.repeat(64) });
  });

  it('is shown failed without asking the room when the sender’s key is known but the signature is broken', async () => {
    const { alice, bob, offered, fileLink, offer, failures } = await sealedOfferToBob();
    await bob.announce('alice', alice.keys);
    const envelope = { ...offered.envelope, sig: brokenSig(offered.envelope.sig) };
    fileLink.fire('file', { ...offered, envelope });

    const download = await offer;
    expect(download.phase).toBe('failed');
    expect(failures).toEqual(['This file could not be decrypted (signature).']);
    expect(bob.sent.filter((m) => m.type === 'keys')).toEqual([]);
  });
});
