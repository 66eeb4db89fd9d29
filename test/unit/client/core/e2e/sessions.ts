// Test sessions for the end-to-end modules: a name with its identity and prekey ring, and the
// sealing parties and opening context between two of them, built from published keys as a client would.

import type { OpenContext, SealParties } from '../../../../../client/core/e2e/envelope-core';
import {
  createIdentityKey,
  exportIdentity,
  type IdentityKey,
  importIdentity,
  type PublicIdentity,
} from '../../../../../client/core/e2e/identity-key';
import { createPrekey, publishPrekey, verifySignedPrekey } from '../../../../../client/core/e2e/prekey';
import { newPrekeyRing, type PrekeyRing } from '../../../../../client/core/e2e/prekey-ring';

export const T0 = Date.UTC(2026, 0, 1);

export interface Session {
  readonly name: string;
  readonly identity: IdentityKey;
  prekeys: PrekeyRing;
}

export async function newSession(name: string, now = T0): Promise<Session> {
  const identity = await createIdentityKey();
  return { name, identity, prekeys: newPrekeyRing(await createPrekey(identity, now)) };
}

/** The peer's identity as the room would publish it, imported on the other side. */
export async function publicIdentity(session: Session): Promise<PublicIdentity> {
  const imported = await importIdentity(exportIdentity(session.identity));
  if (!imported) throw new Error('own identity did not import');
  return imported;
}

export async function parties(sender: Session, recipient: Session): Promise<SealParties> {
  const identity = await publicIdentity(recipient);
  const prekey = await verifySignedPrekey(identity, publishPrekey(recipient.prekeys.current));
  if (!prekey) throw new Error('published prekey did not verify');
  return {
    sender: { name: sender.name, identity: sender.identity, prekey: sender.prekeys.current },
    recipient: { name: recipient.name, identity, prekey },
  };
}

export async function context(me: Session, peer: Session, now = T0): Promise<OpenContext> {
  return {
    me: { name: me.name, identity: me.identity, prekeys: me.prekeys },
    peer: { name: peer.name, identities: [await publicIdentity(peer)] },
    now,
  };
}
