// A private message, end to end: the body {text, ts, cid} sealed in an envelope (envelope-core.ts)
// that only the recipient and the sender's own session can open. openMessage never throws; a
// failure carries a reason for the "This message could not be decrypted" line.

import * as v from 'valibot';
import { MAX_MESSAGE_CHARS } from '#protocol/limits';
import { countCodePoints } from '#protocol/message-text';
import {
  type OpenContext,
  type OpenResult,
  openEnvelope,
  type SealParties,
  sealEnvelope,
} from './envelope-core';
import type { Envelope } from './envelope-wire';
import { utf8 } from './framing';

export type { OpenContext, OpenFailure, OpenResult, SealParties } from './envelope-core';
export { type Envelope, MAX_ENVELOPE_BYTES } from './envelope-wire';

const MessageBodySchema = v.strictObject({
  text: v.pipe(
    v.string(),
    v.check((text) => countCodePoints(text) <= MAX_MESSAGE_CHARS),
  ),
  ts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  cid: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
});
export type MessageBody = v.InferOutput<typeof MessageBodySchema>;

/** Throws a RangeError for text over MAX_MESSAGE_CHARS code points (check it before, as for `pm`). */
export async function sealMessage(body: MessageBody, parties: SealParties): Promise<Envelope> {
  if (countCodePoints(body.text) > MAX_MESSAGE_CHARS) throw new RangeError('message too long');
  const json = JSON.stringify({ text: body.text, ts: body.ts, cid: body.cid });
  return sealEnvelope('msg', body.cid, utf8(json), parties);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export async function openMessage(input: unknown, ctx: OpenContext): Promise<OpenResult<MessageBody>> {
  const opened = await openEnvelope('msg', input, ctx);
  if (!opened.ok) return opened;
  try {
    const parsed = v.safeParse(MessageBodySchema, JSON.parse(decoder.decode(opened.body.plaintext)));
    // The body's cid must be the one the signed header names.
    if (!parsed.success || parsed.output.cid !== opened.body.cid) return { ok: false, reason: 'malformed' };
    return { ok: true, body: parsed.output };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
