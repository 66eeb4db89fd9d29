// fast-check arbitraries for the room fuzz test (test/worker/room-fuzz.test.ts): frames shaped like
// the client protocol (worker/protocol/client-messages.ts and friends) but wrong in the ways a
// hostile client can make them wrong, plus random bytes, file chunks and broken encrypted frames.

import fc from 'fast-check';
import { FRAME_OVERHEAD } from '#crypto/frame-codec';
import { MAX_FRAME_BYTES } from '#protocol/limits';
import { must } from '../../support/must';
import { ClockOffset, DeepText, FrameFiller, Nested, NOW_TOKEN, Repeat } from './fuzz-values';

export type FuzzFrame =
  /** JSON.stringify(value), encrypted. */
  | { kind: 'json'; value: unknown }
  /** UTF-8 text, encrypted: broken JSON, raw number literals, deep nesting. */
  | { kind: 'text'; text: string | DeepText | FrameFiller }
  /** Arbitrary bytes, encrypted (invalid UTF-8, a 0x01 first byte that claims to be a chunk…). */
  | { kind: 'bytes'; bytes: Uint8Array }
  /** A binary file chunk payload, encrypted; fileId null means the sender's latest upload. */
  | { kind: 'chunk'; fileId: string | null; index: number; data: Uint8Array; padding: number }
  /** A sealed JSON frame with one byte flipped afterwards. */
  | { kind: 'tampered'; value: unknown; at: number; mask: number }
  /** A sealed JSON frame with a sequence number other than the next one. */
  | { kind: 'wrong-seq'; value: unknown; hi: number; loDelta: number }
  /** Bytes sent as a binary frame without any encryption. */
  | { kind: 'raw-binary'; bytes: Uint8Array }
  /** A text frame, which the room does not accept after the key exchange. */
  | { kind: 'raw-text'; text: string }
  /** A binary frame over MAX_FRAME_BYTES. */
  | { kind: 'oversized'; bytes: number };

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

const HUGE_NUMBERS = [
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 32,
  2 ** 32 - 1,
  2 ** 31,
  -1,
  -0,
  0.5,
  1e21,
];
const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '0x10',
  '010',
  ' 1',
  '1_000',
  '-',
  '+1',
  '1n',
  'null',
];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udc00\ud800',
  '\u202e',
  '\ufeff',
  "'; DROP TABLE messages;--",
  '"*',
  'NEAR(a b)',
  'text:foo',
  'a OR b AND NOT c',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '🙂',
  'e\u0301',
  '\n\r\t',
];

/** Strings at and just over the limits (names, search, file names, messages, frames). */
const longString = fc
  .tuple(
    fc.constantFrom('x', 'é', '🙂', '\ud800', '"', '\\'),
    fc.constantFrom(15, 16, 120, 121, 200, 201, 3999, 4000, 4001, 8000, 65_536),
  )
  .map(([unit, times]) => new Repeat(unit, times));

/** A value of the wrong type, or of the right type but absurd. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, ...HUGE_NUMBERS),
  fc.constantFrom(...NUMBERISH, ...ODD_STRINGS),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.integer(), { maxLength: 4 }),
  longString,
  fc
    .tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.integer({ min: 2, max: 2000 }))
    .map(([shape, depth]) => new Nested(shape, depth)),
);

export interface FuzzContext {
  /** Names worth aiming at: the room's members and the attackers. */
  names: readonly string[];
}

function fieldArbitraries(ctx: FuzzContext): Record<string, Record<string, fc.Arbitrary<unknown>>> {
  const name = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ctx.names) },
    fc.stringMatching(/^[A-Za-z0-9_]{2,15}$/),
    fc.constantFrom('lobby', 'Admin', 'a', 'x'.repeat(16), 'bad name', 'ünï'),
    fc.string({ maxLength: 20 }),
  );
  const messageId = fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));
  const clientId = fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));
  const clientTime = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -60_000, max: 60_000 }).map((ms) => new ClockOffset(ms)) },
    fc.constantFrom(0, 8.64e15, Number.MAX_SAFE_INTEGER),
    fc.constantFrom(-10, 10).map((minutes) => new ClockOffset(minutes * 60_000)),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    longString,
  );
  const fileId = fc.oneof(
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map(hex),
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => hex(b).toUpperCase()),
    fc.uint8Array({ minLength: 15, maxLength: 17 }).map((b) => hex(b).slice(1)),
  );
  const chunkIndex = fc.oneof(
    fc.nat({ max: 20 }),
    fc.constantFrom(2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER),
  );
  const fileRef = fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));
  return {
    auth: { challenge: fc.string({ maxLength: 50 }) },
    join: { name, resume: fc.base64String({ maxLength: 44 }), since: messageId },
    msg: { cid: clientId, text, ts: clientTime, reply_to: messageId },
    pm: { cid: clientId, to: name, text, ts: clientTime, reply_to: messageId },
    react: {
      id: messageId,
      emoji: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('🔥', '👍🏽', '👨‍👩‍👧', '🇫🇷', '1️⃣') },
        fc.constantFrom('a', ':fire:', '🔥🔥', '🏽', '\u200D'),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
        longString,
      ),
      on: fc.boolean(),
    },
    edit: { id: messageId, text },
    delete: { id: messageId },
    history: { before: messageId, limit: fc.integer({ min: -1, max: 101 }) },
    search: { query: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...ODD_STRINGS), longString) },
    typing: { to: name },
    receipt: { from: name, delivered: messageId, seen: messageId },
    file_offer: {
      ref: fileRef,
      to: name,
      name: fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('../../x.png', 'a\u0000b.pdf', 'CON.png'),
        longString,
      ),
      size: fc.oneof(
        fc.integer({ min: -1, max: 5_000 }),
        fc.constantFrom(0, 25 * 1024 * 1024, 25 * 1024 * 1024 + 1, 31 * 1024 * 1024, 1e15),
      ),
      mime: fc.constantFrom(
        'image/png',
        'application/pdf',
        'text/html',
        '',
        'IMAGE/PNG; x=y',
        'application/octet-stream',
      ),
      sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hex),
    },
    file_resume: { fileId },
    file_accept: { fileId, from: chunkIndex },
    file_decline: { fileId },
    file_ack: { fileId, index: chunkIndex },
    file_done: { fileId },
    file_cancel: { fileId },
  };
}

/** An object shaped like one client message: each field valid, wrong, or missing; sometimes extra keys. */
function schemaShaped(ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
  const shapes = Object.entries(fieldArbitraries(ctx)).map(([type, fields]) => {
    const entries = Object.entries(fields).map(([key, valid]) =>
      fc.oneof(
        { weight: 5, arbitrary: valid.map((value) => [key, value] as const) },
        { weight: 1, arbitrary: wrongValue.map((value) => [key, value] as const) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
    );
    const typeTag = fc.oneof(
      { weight: 12, arbitrary: fc.constant<unknown>(type) },
      fc.constantFrom<unknown>(type.toUpperCase(), `${type} `, `${type}\u0000`),
      wrongValue,
    );
    const extra = fc.array(
      fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'type', ''), wrongValue),
      { maxLength: 2 },
    );
    return fc
      .tuple(typeTag, fc.tuple(...entries), extra)
      .map(([tag, fieldsOrNull, more]) =>
        Object.fromEntries([['type', tag], ...fieldsOrNull.filter((entry) => entry !== null), ...more]),
      );
  });
  return fc.oneof(...shapes);
}

/** A `type` the room does not know, or one that is not a string. */
const unknownTyped = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('batch', 'error', 'joined', 'presence', 'hello', 'key', '__proto__', 'toString', 'MSG'),
      longString,
      wrongValue,
    ),
    fc.dictionary(fc.string({ maxLength: 8 }), wrongValue, { maxKeys: 3 }),
  )
  .map(([type, rest]) => ({ ...rest, type }));

const NUMERIC_FIELDS = [
  ['history', 'before'],
  ['history', 'limit'],
  ['msg', 'cid'],
  ['msg', 'ts'],
  ['join', 'since'],
  ['react', 'id'],
  ['edit', 'id'],
  ['receipt', 'seen'],
  ['file_offer', 'size'],
  ['file_offer', 'ref'],
  ['file_ack', 'index'],
  ['file_accept', 'from'],
] as const;
const RAW_NUMBERS = [
  '1e999',
  '-1e999',
  '-0',
  '1e-400',
  '123456789012345678901234567890',
  '5e-324',
  '1E+2',
  '0.0',
];
const TEMPLATES = [
  `{"type":"msg","cid":1,"text":"hi","ts":${NOW_TOKEN}}`,
  '{"type":"join","name":"ab","type":"msg"}',
  '{"type":"history","before":10,"limit":5,}',
  '\ufeff{"type":"typing"}',
  '{"type":"typing"} trailing',
  '{"type":"search","query":"a" /* comment */}',
  '{"type":"pm","to":"x","text":"\\ud800","cid":2,"ts":0}',
  '{"type":"file_offer","name":"a.png","size":10,"mime":"image/png"',
  '{"type":"receipt","from":"ab","seen":1}{"type":"receipt"}',
  "{'type':'msg'}",
  '[{"type":"msg"}]',
  '"msg"',
  'null',
  'true',
  '',
];

/** JSON-ish text: broken JSON, raw number literals JSON.stringify cannot make, very deep nesting. */
const jsonishText: fc.Arbitrary<string | DeepText | FrameFiller> = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.constantFrom(...TEMPLATES), fc.nat())
      .map(([template, cut]) => (cut % 3 === 0 ? template.slice(0, cut % (template.length + 1)) : template)),
  },
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.constantFrom(...NUMERIC_FIELDS), fc.constantFrom(...RAW_NUMBERS))
      .map(([[type, field], literal]) => `{"type":"${type}","${field}":${literal}}`),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"type":"msg","text":', '}']),
        fc.integer({ min: 1_000, max: 100_000 }),
        fc.boolean(),
      )
      .map(([[open, close], depth, closed]) => new DeepText(must(open), must(close), depth, closed)),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(MAX_FRAME_BYTES - FRAME_OVERHEAD, MAX_FRAME_BYTES - FRAME_OVERHEAD + 1)
      .map((bytes) => new FrameFiller(bytes)),
  },
);

const INVALID_UTF8 = [
  [0xff],
  [0xc3],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc0, 0xaf],
  [0xfe, 0xff],
];

/** Bytes that are not UTF-8 JSON, or that look like a chunk payload without being one. */
const plaintextBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.boolean()).map(([bad, inString]) => {
    const prefix = new TextEncoder().encode(inString ? '{"type":"msg","text":"' : '');
    return new Uint8Array([...prefix, ...bad, ...new TextEncoder().encode(inString ? '"}' : '')]);
  }),
  fc.uint8Array({ maxLength: 20 }).map((rest) => new Uint8Array([0x01, ...rest])),
);

/** A file chunk for a file that does not exist (or, with fileId null, the sender's own upload). */
const chunk: fc.Arbitrary<FuzzFrame> = fc.record({
  kind: fc.constant('chunk' as const),
  fileId: fc.oneof(fc.constant(null), fc.uint8Array({ minLength: 16, maxLength: 16 }).map(hex)),
  index: fc.oneof(fc.nat({ max: 5 }), fc.constantFrom(2 ** 32 - 1)),
  data: fc.uint8Array({ maxLength: 64 }),
  padding: fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, fc.constantFrom(256 * 1024 - 64, 256 * 1024)),
});

/** Every kind of hostile frame, weighted towards schema-shaped JSON. */
export function fuzzFrame(ctx: FuzzContext): fc.Arbitrary<FuzzFrame> {
  const shaped = schemaShaped(ctx);
  const sealedJson = fc.oneof(shaped, unknownTyped);
  return fc.oneof(
    { weight: 45, arbitrary: shaped.map((value): FuzzFrame => ({ kind: 'json', value })) },
    { weight: 6, arbitrary: unknownTyped.map((value): FuzzFrame => ({ kind: 'json', value })) },
    {
      weight: 5,
      arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): FuzzFrame => ({ kind: 'json', value })),
    },
    { weight: 10, arbitrary: jsonishText.map((text): FuzzFrame => ({ kind: 'text', text })) },
    { weight: 6, arbitrary: plaintextBytes.map((bytes): FuzzFrame => ({ kind: 'bytes', bytes })) },
    { weight: 8, arbitrary: chunk },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('tampered' as const),
        value: sealedJson,
        at: fc.nat(),
        mask: fc.integer({ min: 1, max: 255 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('wrong-seq' as const),
        value: sealedJson,
        hi: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.constantFrom(1, 2 ** 32 - 1)),
        loDelta: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(1_000_000, -(2 ** 31))),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.uint8Array({ maxLength: 120 }).map((bytes): FuzzFrame => ({ kind: 'raw-binary', bytes })),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(fc.string({ maxLength: 60 }), fc.constantFrom('ping', 'pong', '{"t":"key","key":"AAAA"}', ''))
        .map((text): FuzzFrame => ({ kind: 'raw-text', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(MAX_FRAME_BYTES + 1, MAX_FRAME_BYTES + 4096)
        .map((bytes): FuzzFrame => ({ kind: 'oversized', bytes })),
    },
  );
}
