// End-to-end keys and sealed private messages on the wire (issue 12; the crypto is docs/e2e.md).
// The room parses these for shape and size only: it stores and relays keys and envelopes but never
// verifies a signature (the clients do), and it never sees a private key.
//
// Keys:     client publish_keys {keys} after every join and prekey rotation → room presence change
//           {change: 'keys', name, keys}; joined {keys: [{name, keys}]}; client keys {name} → room
//           keys {name, keys|null} (or unknown_user).
// Messages: client pm {cid, to, ts, envelope} → room pm {id, from, to, ts, at, envelope, cid?}.

import * as v from 'valibot';
import { MAX_ENVELOPE_BYTES, USERNAME_MAX } from './limits';

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const base64url = (max: number) => v.pipe(v.string(), v.maxLength(max), v.regex(BASE64URL));
const fixedBase64url = (length: number) => v.pipe(v.string(), v.length(length), v.regex(BASE64URL));
/** A key id: the first 8 bytes of the key's SHA-256, in hex (client/core/e2e/key-id.ts). */
const KeyId = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/));
const Name = v.pipe(v.string(), v.maxLength(USERNAME_MAX));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** A signed X25519 prekey: 32 raw bytes and a 64-byte Ed25519 signature, base64url. */
export const PublishedPrekey = v.object({
  id: KeyId,
  key: fixedBase64url(43),
  createdAt: Count,
  sig: fixedBase64url(86),
});
/** What a session publishes: its Ed25519 identity public key (32 bytes) and its current signed prekey. */
export const PublishedKeys = v.object({ identity: fixedBase64url(43), prekey: PublishedPrekey });
export type PublishedKeys = v.InferOutput<typeof PublishedKeys>;
export const MemberKeys = v.object({ name: Name, keys: PublishedKeys });
export type MemberKeys = v.InferOutput<typeof MemberKeys>;

const Party = v.object({ name: Name, ik: KeyId, pk: KeyId });
const Wrap = v.object({ enc: base64url(64), key: base64url(96) });

/**
 * A sealed envelope as the room sees it: fields of the right kinds and lengths, at most
 * MAX_ENVELOPE_BYTES as JSON. Parsing keeps only the known fields, so what the room stores and
 * relays is this shape and nothing else; whether it opens is for the recipient to find out.
 */
export const SealedEnvelope = v.pipe(
  v.object({
    v: Count,
    kind: v.picklist(['msg', 'file']),
    cid: Count,
    from: Party,
    to: Party,
    iv: base64url(32),
    body: base64url(MAX_ENVELOPE_BYTES),
    kr: Wrap,
    ks: Wrap,
    sig: base64url(128),
  }),
  v.check((e) => JSON.stringify(e).length <= MAX_ENVELOPE_BYTES, 'envelope too large'),
);
export type SealedEnvelope = v.InferOutput<typeof SealedEnvelope>;

// ---- client → room ------------------------------------------------------------------------

export const PublishKeysMessage = v.object({ type: v.literal('publish_keys'), keys: PublishedKeys });
export const KeysRequest = v.object({ type: v.literal('keys'), name: v.string() });

export const E2E_CLIENT_SCHEMAS = { publish_keys: PublishKeysMessage, keys: KeysRequest } as const;

// ---- room → client ------------------------------------------------------------------------

/** The answer to `keys {name}`: that member's published keys, or null when it has published none. */
export const KeysReply = v.object({ type: v.literal('keys'), name: Name, keys: v.nullable(PublishedKeys) });

export const E2E_SERVER_SCHEMAS = [KeysReply] as const;
