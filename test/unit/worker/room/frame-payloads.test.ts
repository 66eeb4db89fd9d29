// Unit tests for worker/room/frame-payloads.ts: a socket's queue of JSON messages and binary
// payloads becomes frames, the JSON batched and first, each binary payload on its own and in order.

import { describe, expect, it } from 'vitest';
import { framePayloads } from '../../../../worker/room/frame-payloads';
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
