// Seals and opens end-to-end envelopes of any kind (envelope.ts: messages; file-envelope.ts: file
// offers). A fresh AES-256-GCM content key encrypts the body; HPKE wraps it to the recipient's prekey
// and to the sender's own; the sender's Ed25519 identity key signs the whole envelope.
//
// Why a signature and not HPKE Auth mode: Auth mode authenticates with a static X25519 key and is
// deniable (either party could have made the ciphertext), but it authenticates only to the
// recipient: the sender's own copy (wrapped to its own prekey) would be unauthenticated, and the
// identity key would need a second, X25519 form. One Ed25519 signature over everything covers both
// copies and every field. The cost is deniability: a signed envelope proves to anyone holding it
// (the recipient, or whoever takes their device) that the sender's identity key made it. See docs/e2e.md.

import { type Bytes, randomBytes, toBase64Url } from '#crypto/base64';
import {
  CONTENT_IV_BYTES,
  ENVELOPE_VERSION,
  type Envelope,
  type EnvelopeKind,
  MAX_SEALED_BODY_BYTES,
  type ParsedEnvelope,
  parseEnvelope,
} from './envelope-wire';
import { frame, utf8 } from './framing';
import { unwrapKey, type WrappedKey, wrapKey } from './hpke';
import {
  type IdentityKey,
  type PublicIdentity,
  signWithIdentity,
  verifyIdentitySignature,
} from './identity-key';
import type { Prekey, VerifiedPrekey } from './prekey';
import { findPrekey, type PrekeyRing } from './prekey-ring';

const LABEL = 'chatspace-e2e-v1';
const CONTENT_KEY_BYTES = 32;
const WRAP_INFO = utf8(`${LABEL}/content-key`);

export type OpenFailure =
  | 'signature'
  | 'recipient'
  | 'prekey_unknown'
  | 'prekey_expired'
  | 'decrypt'
  | 'malformed';
export type OpenResult<T> =
  | { readonly ok: true; readonly body: T }
  | { readonly ok: false; readonly reason: OpenFailure };

export interface SealParties {
  readonly sender: { readonly name: string; readonly identity: IdentityKey; readonly prekey: Prekey };
  readonly recipient: {
    readonly name: string;
    readonly identity: PublicIdentity;
    readonly prekey: VerifiedPrekey;
  };
}

export interface OpenContext {
  /** This session: its name, identity and prekeys. */
  readonly me: { readonly name: string; readonly identity: IdentityKey; readonly prekeys: PrekeyRing };
  /** The other side of the conversation, with every identity key this session has seen for that name. */
  readonly peer: { readonly name: string; readonly identities: readonly PublicIdentity[] };
  readonly now: number;
}

/** Binds kind, both names, both identity key ids, both prekey ids and the client message id. */
function additionalData(e: Pick<ParsedEnvelope, 'kind' | 'from' | 'to' | 'cid'>): Bytes {
  return frame([
    LABEL,
    e.kind,
    e.from.name,
    e.to.name,
    e.from.ik,
    e.to.ik,
    e.from.pk,
    e.to.pk,
    String(e.cid),
  ]);
}

/** The HPKE AAD also names which copy a wrap is, so the two cannot be swapped. */
function wrapAad(aad: Bytes, copy: 'recipient' | 'sender'): Bytes {
  return frame([aad, copy]);
}

function signedContent(aad: Bytes, iv: Bytes, body: Bytes, kr: WrappedKey, ks: WrappedKey): Bytes {
  return frame([`${LABEL}/signature`, aad, iv, body, kr.enc, kr.key, ks.enc, ks.key]);
}

/** Throws (a caller's mistake) when the body is too big or the recipient's prekey is not its identity's. */
export async function sealEnvelope(
  kind: EnvelopeKind,
  cid: number,
  body: Bytes,
  parties: SealParties,
): Promise<Envelope> {
  const { sender, recipient } = parties;
  if (body.byteLength > MAX_SEALED_BODY_BYTES) throw new RangeError('sealed body too large');
  if (recipient.prekey.identityId !== recipient.identity.id)
    throw new TypeError("prekey is not the recipient's");
  const from = { name: sender.name, ik: sender.identity.id, pk: sender.prekey.id };
  const to = { name: recipient.name, ik: recipient.identity.id, pk: recipient.prekey.id };
  const aad = additionalData({ kind, from, to, cid });
  const contentKey = randomBytes(CONTENT_KEY_BYTES);
  const key = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['encrypt']);
  const iv = randomBytes(CONTENT_IV_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, body),
  );
  const kr = await wrapKey(recipient.prekey.publicKey, contentKey, WRAP_INFO, wrapAad(aad, 'recipient'));
  const ks = await wrapKey(sender.prekey.publicKey, contentKey, WRAP_INFO, wrapAad(aad, 'sender'));
  contentKey.fill(0);
  const sig = await signWithIdentity(sender.identity, signedContent(aad, iv, sealed, kr, ks));
  const wire = (w: WrappedKey) => ({ enc: toBase64Url(w.enc), key: toBase64Url(w.key) });
  return {
    v: ENVELOPE_VERSION,
    kind,
    cid,
    from,
    to,
    iv: toBase64Url(iv),
    body: toBase64Url(sealed),
    kr: wire(kr),
    ks: wire(ks),
    sig: toBase64Url(sig),
  };
}

/** Which copy of the envelope this session opens, and whose identity must have signed it. */
function route(e: ParsedEnvelope, ctx: OpenContext) {
  const { me, peer } = ctx;
  if (e.to.name === me.name && e.from.name === peer.name) {
    if (e.to.ik !== me.identity.id) return { ok: false, reason: 'recipient' } as const;
    const signer = peer.identities.find((identity) => identity.id === e.from.ik);
    if (!signer) return { ok: false, reason: 'signature' } as const;
    return { ok: true, signer, prekeyId: e.to.pk, wrap: e.kr, copy: 'recipient' } as const;
  }
  if (e.from.name === me.name && e.to.name === peer.name) {
    if (e.from.ik !== me.identity.id) return { ok: false, reason: 'recipient' } as const;
    return { ok: true, signer: me.identity, prekeyId: e.from.pk, wrap: e.ks, copy: 'sender' } as const;
  }
  return { ok: false, reason: 'recipient' } as const;
}

/** Verifies, unwraps and decrypts an envelope of `kind` for this session. Never throws. */
export async function openEnvelope(
  kind: EnvelopeKind,
  input: unknown,
  ctx: OpenContext,
): Promise<OpenResult<{ plaintext: Bytes; cid: number }>> {
  try {
    const e = parseEnvelope(input);
    if (!e || e.kind !== kind) return { ok: false, reason: 'malformed' };
    const routed = route(e, ctx);
    if (!routed.ok) return routed;
    const aad = additionalData(e);
    const content = signedContent(aad, e.iv, e.body, e.kr, e.ks);
    if (!(await verifyIdentitySignature(routed.signer, e.sig, content)))
      return { ok: false, reason: 'signature' };
    const found = findPrekey(ctx.me.prekeys, routed.prekeyId, ctx.now);
    if (!found.ok) return found;
    const pair = { privateKey: found.prekey.privateKey, publicKey: found.prekey.publicKey };
    const contentKey = await unwrapKey(pair, routed.wrap, WRAP_INFO, wrapAad(aad, routed.copy));
    if (contentKey.byteLength !== CONTENT_KEY_BYTES) return { ok: false, reason: 'decrypt' };
    const key = await crypto.subtle.importKey('raw', contentKey, 'AES-GCM', false, ['decrypt']);
    contentKey.fill(0);
    const body = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: e.iv, additionalData: aad }, key, e.body);
    return { ok: true, body: { plaintext: new Uint8Array(body), cid: e.cid } };
  } catch {
    // HPKE or AES-GCM refused it (wrong key, altered ciphertext), or the HPKE module failed to load.
    return { ok: false, reason: 'decrypt' };
  }
}
