// Unit tests for worker/protocol/parse.ts: every decrypted client frame goes through
// parseJsonBytes, then parseClientMessage, before the room acts on it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { ERROR_MESSAGES } from '#protocol/errors';
import { MAX_ENVELOPE_BYTES } from '#protocol/limits';
import { parseClientMessage, parseJsonBytes } from '#protocol/parse';

const utf8 = (text: string) => new TextEncoder().encode(text) as Bytes;
const bytes = (...values: number[]) => new Uint8Array(values);

/** The shape of a sealed envelope (client/core/e2e/envelope-wire.ts); the room checks only this. */
const ENVELOPE = {
  v: 1,
  kind: 'msg',
  cid: 1,
  from: { name: 'alice', ik: '0123456789abcdef', pk: '0123456789abcdef' },
  to: { name: 'bob', ik: '0123456789abcdef', pk: '0123456789abcdef' },
  iv: 'AAAAAAAAAAAAAAAA',
  body: 'AAAAAAAAAAAAAAAAAAAAAA',
  kr: { enc: 'A'.repeat(43), key: 'A'.repeat(64) },
  ks: { enc: 'A'.repeat(43), key: 'A'.repeat(64) },
  sig: 'A'.repeat(86),
};

describe('parseJsonBytes', () => {
  it('parses UTF-8 JSON, including text outside the BMP', () => {
    expect(parseJsonBytes(utf8('{"type":"msg","text":"héllo 😀"}'))).toEqual({
      ok: true,
      value: { type: 'msg', text: 'héllo 😀' },
    });
  });

  it('returns any JSON value unchanged after a round trip through bytes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(parseJsonBytes(utf8(text))).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  it.each([
    ['a lone continuation byte', bytes(0x22, 0x80, 0x22)],
    ['an invalid lead byte', bytes(0x22, 0xff, 0x22)],
    ['an overlong encoding of "/"', bytes(0x22, 0xc0, 0xaf, 0x22)],
    ['an encoded UTF-16 surrogate', bytes(0x22, 0xed, 0xa0, 0x80, 0x22)],
    ['a truncated multi-byte sequence', bytes(0x22, 0xe2, 0x82, 0x22)],
  ])('refuses invalid UTF-8 (%s) as bad_json', (_, input) => {
    expect(parseJsonBytes(input)).toEqual({ ok: false, code: 'bad_json' });
  });

  it.each([
    ['empty input', ''],
    ['plain text', 'hello'],
    ['a truncated object', '{"type":"msg"'],
    ['single quotes', "{'type':'msg'}"],
    ['a trailing comma', '{"type":"msg",}'],
    ['two values', '{} {}'],
    ['NaN', 'NaN'],
  ])('refuses non-JSON (%s) as bad_json', (_, text) => {
    expect(parseJsonBytes(utf8(text))).toEqual({ ok: false, code: 'bad_json' });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        const result = parseJsonBytes(input);
        if (!result.ok) expect(result.code).toBe('bad_json');
      }),
    );
  });
});

describe('parseClientMessage', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'msg'],
    ['a boolean', true],
    ['an array', [{ type: 'msg' }]],
  ])('refuses %s at the top level as bad_field', (_, value) => {
    expect(parseClientMessage(value)).toMatchObject({ ok: false, code: 'bad_field' });
  });

  it('refuses an object without a type as bad_field on "type"', () => {
    expect(parseClientMessage({ text: 'hi' })).toEqual({ ok: false, code: 'bad_field', detail: 'type' });
  });

  it.each([1, null, true, ['msg'], { msg: 1 }])('refuses a non-string type (%j) as bad_field', (type) => {
    expect(parseClientMessage({ type })).toEqual({ ok: false, code: 'bad_field', detail: 'type' });
  });

  it.each(['hello', 'MSG', 'joined', 'presence', ''])(
    'refuses the unknown type %j as unknown_type',
    (type) => {
      expect(parseClientMessage({ type })).toMatchObject({ ok: false, code: 'unknown_type' });
    },
  );

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'treats the prototype key %j as an unknown type, not as a schema',
    (type) => {
      expect(parseClientMessage({ type })).toEqual({ ok: false, code: 'unknown_type', detail: type });
    },
  );

  it('echoes at most 32 characters of an unknown type', () => {
    const result = parseClientMessage({ type: 'x'.repeat(10_000) });
    expect(result).toEqual({ ok: false, code: 'unknown_type', detail: 'x'.repeat(32) });
  });

  it.each([
    ['auth', { type: 'auth', challenge: 'c2VjcmV0' }],
    ['join', { type: 'join', name: 'alice' }],
    ['join with a resume token', { type: 'join', name: 'alice', resume: 'token' }],
    ['msg', { type: 'msg', cid: 1, text: 'hello', ts: 1_700_000_000_000 }],
    ['pm', { type: 'pm', cid: 2, to: 'bob', text: 'psst', ts: 1_700_000_000_000 }],
    ['sealed pm', { type: 'pm', cid: 2, to: 'bob', envelope: ENVELOPE, ts: 1_700_000_000_000 }],
    ['msg with cid 0 and ts 0', { type: 'msg', cid: 0, text: 'x', ts: 0 }],
    ['msg with the largest safe cid', { type: 'msg', cid: Number.MAX_SAFE_INTEGER, text: 'x', ts: 1 }],
  ])('accepts a valid %s message as it is', (_, message) => {
    expect(parseClientMessage(message)).toEqual({ ok: true, value: message });
  });

  it('drops fields the schema does not know, so they are never stored or forwarded', () => {
    const result = parseClientMessage({ type: 'msg', cid: 1, text: 'hi', ts: 5, html: '<b>', from: 'admin' });
    expect(result).toEqual({ ok: true, value: { type: 'msg', cid: 1, text: 'hi', ts: 5 } });
  });

  it('does not read fields from a "__proto__" key in parsed JSON', () => {
    const value = JSON.parse('{"type":"msg","__proto__":{"cid":1},"text":"a","ts":1}');
    expect(parseClientMessage(value)).toEqual({ ok: false, code: 'bad_field', detail: 'cid' });
  });

  it.each([
    ['auth without a challenge', { type: 'auth' }, 'challenge'],
    ['auth with a numeric challenge', { type: 'auth', challenge: 7 }, 'challenge'],
    ['join without a name', { type: 'join' }, 'name'],
    ['join with a numeric name', { type: 'join', name: 12 }, 'name'],
    ['join with a numeric resume token', { type: 'join', name: 'al', resume: 5 }, 'resume'],
    ['join with a null resume token', { type: 'join', name: 'al', resume: null }, 'resume'],
    ['msg without a cid', { type: 'msg', text: 'hi', ts: 1 }, 'cid'],
    ['msg with a string cid', { type: 'msg', cid: '1', text: 'hi', ts: 1 }, 'cid'],
    ['msg with a negative cid', { type: 'msg', cid: -1, text: 'hi', ts: 1 }, 'cid'],
    ['msg with a fractional cid', { type: 'msg', cid: 1.5, text: 'hi', ts: 1 }, 'cid'],
    ['msg with an unsafe cid', { type: 'msg', cid: 2 ** 53, text: 'hi', ts: 1 }, 'cid'],
    ['msg without text', { type: 'msg', cid: 1, ts: 1 }, 'text'],
    ['msg with text as an array', { type: 'msg', cid: 1, text: ['hi'], ts: 1 }, 'text'],
    ['msg without a timestamp', { type: 'msg', cid: 1, text: 'hi' }, 'ts'],
    ['msg with a string timestamp', { type: 'msg', cid: 1, text: 'hi', ts: '12:00' }, 'ts'],
    ['msg with a negative timestamp', { type: 'msg', cid: 1, text: 'hi', ts: -1 }, 'ts'],
    ['pm without a recipient', { type: 'pm', cid: 1, text: 'hi', ts: 1 }, 'to'],
    ['pm with a list of recipients', { type: 'pm', cid: 1, to: ['bob'], text: 'hi', ts: 1 }, 'to'],
    ['pm without text', { type: 'pm', cid: 1, to: 'bob', ts: 1 }, 'text'],
    [
      'pm with both text and an envelope',
      { type: 'pm', cid: 1, to: 'bob', text: 'x', envelope: ENVELOPE, ts: 1 },
      'text',
    ],
    [
      'pm with an envelope whose signature is not base64url',
      { type: 'pm', cid: 1, to: 'bob', envelope: { ...ENVELOPE, sig: 'a+b' }, ts: 1 },
      'envelope.sig',
    ],
    [
      'pm with an envelope over MAX_ENVELOPE_BYTES',
      {
        type: 'pm',
        cid: 1,
        to: 'bob',
        envelope: { ...ENVELOPE, body: 'A'.repeat(MAX_ENVELOPE_BYTES) },
        ts: 1,
      },
      'envelope',
    ],
  ])('refuses %s as bad_field, naming the field', (_, message, path) => {
    expect(parseClientMessage(message)).toEqual({ ok: false, code: 'bad_field', detail: path });
  });

  it('never throws on arbitrary JSON values, and answers only with known codes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseClientMessage(value);
        if (!result.ok) expect(['bad_field', 'unknown_type']).toContain(result.code);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary objects that carry a known type', () => {
    const knownType = fc.constantFrom('auth', 'join', 'msg', 'pm');
    fc.assert(
      fc.property(knownType, fc.dictionary(fc.string(), fc.jsonValue()), (type, fields) => {
        const result = parseClientMessage({ ...fields, type });
        if (result.ok) expect(result.value.type).toBe(type);
        else {
          expect(result.code).toBe('bad_field');
          expect(result.detail).toBeTruthy();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers only with codes that have a message for the client', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = parseClientMessage(value);
        if (!result.ok) expect(Object.keys(ERROR_MESSAGES)).toContain(result.code);
      }),
    );
  });
});
