// Turns a decrypted payload into a checked client message, or the error code that explains why not.
// Order matters: JSON first, then the type tag (unknown_type), then the fields (bad_field).

import * as v from 'valibot';
import type { Bytes } from '../crypto/base64';
import { CLIENT_SCHEMAS, type ClientMessage, type ClientMessageType } from './client-messages';
import type { ErrorCode } from './errors';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; detail?: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBytes(bytes: Bytes): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    return { ok: false, code: 'bad_json' };
  }
}

export function parseClientMessage(value: unknown): ParseResult<ClientMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'bad_field', detail: 'expected an object' };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return { ok: false, code: 'bad_field', detail: 'type' };
  if (!Object.hasOwn(CLIENT_SCHEMAS, type))
    return { ok: false, code: 'unknown_type', detail: type.slice(0, 32) };
  const result = v.safeParse(CLIENT_SCHEMAS[type as ClientMessageType], value);
  if (!result.success) {
    const [issue] = result.issues;
    const path = v.getDotPath(issue) ?? 'frame';
    return { ok: false, code: 'bad_field', detail: path };
  }
  return { ok: true, value: result.output as ClientMessage };
}

/** Validates a server frame on the client side. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): ParseResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, value);
  return result.success ? { ok: true, value: result.output } : { ok: false, code: 'bad_field' };
}
