// The wire form of an end-to-end envelope: a JSON object with base64url fields, parsed with valibot
// into bytes. Every field is bounded and every base64url string must be canonical (the one encoding
// of its bytes), so no change to the serialized envelope can leave its meaning intact.

import * as v from 'valibot';
import { type Bytes, fromBase64Url, toBase64Url } from '#crypto/base64';
import { MAX_ENVELOPE_BYTES, MAX_MESSAGE_CHARS, USERNAME_MAX, USERNAME_MIN } from '#protocol/limits';
import { HPKE_ENC_BYTES, HPKE_WRAPPED_KEY_BYTES } from './hpke';
import { SIGNATURE_BYTES } from './identity-key';
import { KEY_ID_PATTERN } from './key-id';

export const ENVELOPE_VERSION = 1;
export const CONTENT_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
/**
 * Largest sealed body. A message of MAX_MESSAGE_CHARS code points is at most 6 bytes each as JSON
 * (a control character or lone surrogate becomes \uXXXX), plus room for ts, cid and a file offer.
 */
export const MAX_SEALED_BODY_BYTES = MAX_MESSAGE_CHARS * 6 + 512;
/** Largest serialized envelope (about 33 kB): what a room accepts for one private message. */
export { MAX_ENVELOPE_BYTES };

/** The kinds of sealed content; bound into the AAD so a file offer never opens as a message. */
export const ENVELOPE_KINDS = ['msg', 'file'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

function tryDecode(text: string): Bytes | null {
  try {
    return fromBase64Url(text);
  } catch {
    return null;
  }
}

/** Base64url that decodes to `min`–`max` bytes and is the canonical encoding of them. */
function base64url(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.maxLength(Math.ceil((max * 4) / 3)),
    v.regex(/^[A-Za-z0-9_-]*$/),
    v.transform((text) => ({ text, bytes: tryDecode(text) })),
    v.check(({ text, bytes }) => bytes !== null && toBase64Url(bytes) === text && bytes.byteLength >= min),
    v.transform(({ bytes }) => bytes ?? new Uint8Array(0)),
  );
}

const Name = v.pipe(
  v.string(),
  v.minLength(USERNAME_MIN),
  v.maxLength(USERNAME_MAX),
  v.regex(/^[A-Za-z0-9_]+$/),
);
const KeyId = v.pipe(v.string(), v.regex(KEY_ID_PATTERN));
const Party = v.strictObject({ name: Name, ik: KeyId, pk: KeyId });
const Wrap = v.strictObject({
  enc: base64url(HPKE_ENC_BYTES, HPKE_ENC_BYTES),
  key: base64url(HPKE_WRAPPED_KEY_BYTES, HPKE_WRAPPED_KEY_BYTES),
});

export const EnvelopeSchema = v.strictObject({
  v: v.literal(ENVELOPE_VERSION),
  kind: v.picklist(ENVELOPE_KINDS),
  /** The sender's client message id (as in `pm`), bound into the AAD. */
  cid: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  from: Party,
  to: Party,
  iv: base64url(CONTENT_IV_BYTES, CONTENT_IV_BYTES),
  body: base64url(GCM_TAG_BYTES, MAX_SEALED_BODY_BYTES + GCM_TAG_BYTES),
  /** The content key wrapped to the recipient's prekey… */
  kr: Wrap,
  /** …and to the sender's own, so the sender's other views can read its history. */
  ks: Wrap,
  sig: base64url(SIGNATURE_BYTES, SIGNATURE_BYTES),
});

/** The envelope as JSON carries it (strings). */
export type Envelope = v.InferInput<typeof EnvelopeSchema>;
/** The envelope parsed (bytes). */
export type ParsedEnvelope = v.InferOutput<typeof EnvelopeSchema>;
export type EnvelopeParty = ParsedEnvelope['from'];

/** Null when `input` is not an envelope. Never throws. */
export function parseEnvelope(input: unknown): ParsedEnvelope | null {
  const parsed = v.safeParse(EnvelopeSchema, input);
  return parsed.success ? parsed.output : null;
}
