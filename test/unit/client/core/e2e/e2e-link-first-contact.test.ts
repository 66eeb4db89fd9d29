// First contact through E2eLink (client/core/e2e/e2e-link.ts): a sealed message from a peer whose
// keys have not reached us yet (its presence change is still coalescing) is not lost as
// undecryptable: the link asks the room for the peer's keys and opens it when they come. Keys
// fetched this way are trusted no more than announced ones: the same prekey check, the same
// identity-change warning (docs/security.md).

import { describe, expect, it } from 'vitest';
import type { ClientMessageOf } from '#protocol/client-messages';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { InboundMessage } from '../../../../../client/core/client-events';
import type { E2eLink } from '../../../../../client/core/e2e/e2e-link';
import { brokenSig, joinedLink } from './joined-link';
import { T0 } from './sessions';

/** The room's relay of a sealed pm from `from` to `to`. */
function relayed(wire: ClientMessageOf<'pm'>, from: string): ServerMessageOf<'pm'> {
  const { envelope, ts, cid, to } = wire;
  if (!envelope) throw new Error('the message went unsealed');
  return { type: 'pm', id: 1, from, to, envelope, ts, at: T0, cid };
}

function delivery(link: E2eLink, message: ServerMessageOf<'pm'>): Promise<InboundMessage> {
  return new Promise((resolve) => link.receive(message, resolve));
}

describe('a sealed message from a sender whose keys have not arrived yet', () => {
  it('is opened once the room answers the keys request it makes', async () => {
    const bob = await joinedLink('bob');
    const alice = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
    const wire = await alice.link.wire({ kind: 'pm', to: 'bob', text: 'first words', cid: 1 }, T0);
    if (wire.type !== 'pm') throw new Error('not a private message');

    const asked = bob.nextSent('keys');
    const delivered = delivery(bob.link, relayed(wire, 'alice'));
    expect(await asked).toEqual({ type: 'keys', name: 'alice' });
    bob.answerKeys('alice', alice.keys);

    expect(await delivered).toMatchObject({ type: 'pm', text: 'first words', e2e: { ok: true } });
  });

  it('is flagged without asking the room when the sender’s key is known but the signature is broken', async () => {
    const bob = await joinedLink('bob');
    const alice = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
    await bob.announce('alice', alice.keys);
    const wire = await alice.link.wire({ kind: 'pm', to: 'bob', text: 'first words', cid: 1 }, T0);
    if (wire.type !== 'pm' || !wire.envelope) throw new Error('the message went unsealed');
    const broken = { ...wire, envelope: { ...wire.envelope, sig: brokenSig(wire.envelope.sig) } };

    const delivered = await delivery(bob.link, relayed(broken, 'alice'));
    expect(delivered).toMatchObject({ type: 'pm', text: '', e2e: { ok: false, reason: 'signature' } });
    expect(bob.sent.filter((m) => m.type === 'keys')).toEqual([]);
  });
});

describe('keys fetched for a first message', () => {
  it('that carry a new identity for a verified peer raise the identity change and ask before the next send', async () => {
    const bob = await joinedLink('bob');
    const before = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
    await bob.announce('alice', before.keys);
    const book = bob.link.book;
    if (!book) throw new Error('bob has no peer book');
    book.markVerified('alice');
    const changes: { name: string; wasVerified: boolean }[] = [];
    bob.link.on('identityChanged', (change) => changes.push(change));

    // A later owner of the name (or a room substituting keys) sends before its keys are announced.
    const after = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
    const wire = await after.link.wire({ kind: 'pm', to: 'bob', text: 'it is me', cid: 1 }, T0);
    if (wire.type !== 'pm') throw new Error('not a private message');
    const asked = bob.nextSent('keys');
    const delivered = delivery(bob.link, relayed(wire, 'alice'));
    await asked;
    bob.answerKeys('alice', after.keys);

    expect(await delivered).toMatchObject({ type: 'pm', text: 'it is me', e2e: { ok: true } });
    expect(changes).toEqual([{ name: 'alice', wasVerified: true }]);
    expect(book.isVerified('alice')).toBe(false);
    expect(book.mustConfirmSend('alice')).toBe(true);
  });

  it('whose prekey is not signed by the identity are not taken, and the message stays undecryptable', async () => {
    const bob = await joinedLink('bob');
    const alice = await joinedLink('alice', [{ name: 'bob', keys: bob.keys }]);
    const mallory = await joinedLink('mallory');
    const wire = await alice.link.wire({ kind: 'pm', to: 'bob', text: 'first words', cid: 1 }, T0);
    if (wire.type !== 'pm') throw new Error('not a private message');
    const asked = bob.nextSent('keys');
    const delivered = delivery(bob.link, relayed(wire, 'alice'));
    await asked;
    bob.answerKeys('alice', { identity: alice.keys.identity, prekey: mallory.keys.prekey });

    expect(await delivered).toMatchObject({ type: 'pm', text: '', e2e: { ok: false, reason: 'signature' } });
    expect(bob.link.book?.identities('alice')).toEqual([]);
  });
});
