// Unit tests for worker/room/frame-payloads.ts: a socket's queue of JSON messages and binary
// payloads becomes frames, the JSON batched and first, each binary payload on its own and in order.

import { describe, expect, it } from 'vitest';
import { framePayloads, frameSegments } from '../../../../worker/room/frame-payloads';
import { must } from '../../../support/must';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array) => decoder.decode(bytes);

describe('framePayloads', () => {
  it('sends one message as itself and several as one batch', () => {
    expect(framePayloads(['{"a":1}']).map(text)).toEqual(['{"a":1}']);
    expect(framePayloads(['{"a":1}', '{"b":2}']).map(text)).toEqual([
      '{"type":"batch","messages":[{"a":1},{"b":2}]}',
    ]);
  });

  it('lets chat overtake file chunks queued before it, and keeps the chunks in order, one frame each', () => {
    const c1 = new Uint8Array([1, 0xaa]);
    const c2 = new Uint8Array([1, 0xbb]);
    const c3 = new Uint8Array([1, 0xcc]);
    const frames = framePayloads([c1, '{"a":1}', c2, '{"b":2}', '{"c":3}', c3]);
    expect(frames).toHaveLength(4);
    expect(text(must(frames[0]))).toBe('{"type":"batch","messages":[{"a":1},{"b":2},{"c":3}]}');
    expect(frames.slice(1)).toEqual([c1, c2, c3]);
    expect(frames[1]).toBe(c1);
  });

  it('sends only chunks when nothing else is queued', () => {
    const c1 = new Uint8Array([1, 0xaa]);
    expect(framePayloads([c1])).toEqual([c1]);
  });

  it('shares the encoding of identical JSON runs across recipients', () => {
    const shared = new Map<string, Uint8Array<ArrayBuffer>>();
    const [first] = framePayloads(['{"x":1}'], shared);
    const [second] = framePayloads(['{"x":1}'], shared);
    expect(second).toBe(first);
  });
});

describe('framePayloads split by bytes', () => {
  const msg = (n: number) => `{"t":"${'x'.repeat(n - 8)}"}`; // n bytes of JSON
  const overhead = '{"type":"batch","messages":[]}'.length;

  it('fills a batch up to the byte limit exactly, and starts another one byte past it', () => {
    const items = [msg(100), msg(100), msg(100)];
    const exact = overhead + 100 * 3 + 2;
    expect(framePayloads(items, new Map(), exact).map((f) => f.byteLength)).toEqual([exact]);
    const frames = framePayloads(items, new Map(), exact - 1);
    expect(frames).toHaveLength(2);
    expect(frames.every((f) => f.byteLength <= exact - 1)).toBe(true);
    expect(frames[1] && text(frames[1])).toBe(items[2]);
  });

  it('measures UTF-8 bytes, not characters', () => {
    const wide = `{"t":"${'é'.repeat(100)}"}`; // 108 characters, 208 bytes
    expect(framePayloads([wide, wide], new Map(), 300)).toHaveLength(2);
  });

  it('sends a message larger than the limit on its own, keeping the order', () => {
    const frames = framePayloads([msg(10), msg(1000), msg(10)], new Map(), 500).map(text);
    expect(frames).toEqual([msg(10), msg(1000), msg(10)]);
  });
});

describe('frameSegments', () => {
  const keyset = { epoch: 1, raw: new Uint8Array(32), key: null };
  const item = (id: number, ks = keyset) => ({ id, json: `{"b":${id}}`, size: 7, keyset: ks });
  const describeSegments = (segments: ReturnType<typeof frameSegments>) =>
    segments.map((s) => ('run' in s ? `run ${s.run.name}` : text(s.payload)));

  it("keeps a socket's own messages and broadcasts in the order they were queued, chunks last", () => {
    const chunk = new Uint8Array([1, 0xaa]);
    const runs = new Map();
    const segments = frameSegments(['{"a":1}', item(1), item(2), chunk, '{"a":2}', item(3)], runs);
    expect(describeSegments(segments)).toEqual(['{"a":1}', 'run 1,2', '{"a":2}', 'run 3', '\u0001\ufffd']);
    expect(text(must(runs.get('1,2')).payload)).toBe('{"type":"batch","messages":[{"b":1},{"b":2}]}');
  });

  it('gives sockets that queued the same broadcasts one shared run', () => {
    const runs = new Map();
    const [b1, b2] = [item(1), item(2)];
    const first = frameSegments([b1, b2], runs);
    const second = frameSegments([b1, b2], runs);
    const shared = first[0] && 'run' in first[0] ? first[0].run : null;
    expect(shared).not.toBeNull();
    expect(second[0] && 'run' in second[0] ? second[0].run : null).toBe(shared);
    expect(runs.size).toBe(1);
    frameSegments([b1, '{"own":1}', b2], runs);
    expect([...runs.keys()]).toEqual(['1,2', '1', '2']);
  });

  it('never puts broadcasts of two key epochs in one run', () => {
    const next = { epoch: 2, raw: new Uint8Array(32), key: null };
    const runs = new Map();
    expect(describeSegments(frameSegments([item(1), item(2, next)], runs))).toEqual(['run 1', 'run 2']);
  });

  it('splits a long run by bytes, the same way for every socket', () => {
    const runs = new Map();
    const items = [item(1), item(2), item(3)];
    expect(describeSegments(frameSegments(items, runs, new Map(), 50))).toEqual(['run 1,2', 'run 3']);
    expect(describeSegments(frameSegments(items, runs, new Map(), 50))).toEqual(['run 1,2', 'run 3']);
    expect(runs.size).toBe(2);
  });
});
