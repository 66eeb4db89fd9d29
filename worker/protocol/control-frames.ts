// The plaintext JSON text frames of the key exchange, before any session key exists.
//   room → client: hello (public key, fingerprint, challenge), or error
//   client → room: key (the session key, wrapped with RSA-OAEP)

import * as v from 'valibot';
import { ERROR_MESSAGES, type ErrorCode } from './errors';

export const PROTOCOL_VERSION = 1;

export const HelloFrame = v.object({
  t: v.literal('hello'),
  v: v.literal(PROTOCOL_VERSION),
  /** DER SubjectPublicKeyInfo of the room's RSA-OAEP key, base64url. */
  publicKey: v.string(),
  fingerprint: v.string(),
  /** 32 random bytes, base64url; the client returns them in its first encrypted frame. */
  challenge: v.string(),
});
export const KeyFrame = v.object({ t: v.literal('key'), key: v.string() });
export const ControlErrorFrame = v.object({
  t: v.literal('error'),
  code: v.picklist(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]),
  message: v.string(),
});

export const ServerControlFrame = v.variant('t', [HelloFrame, ControlErrorFrame]);
export type HelloFrame = v.InferOutput<typeof HelloFrame>;
export type KeyFrame = v.InferOutput<typeof KeyFrame>;
export type ControlErrorFrame = v.InferOutput<typeof ControlErrorFrame>;
