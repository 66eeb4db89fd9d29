// Unit tests for worker/room/frame-payloads.ts: a socket's queue of JSON messages and binary
// payloads becomes frames in order, JSON runs batched, each binary payload on its own.

import { describe, expect, it } from 'vitest';
import { framePayloads } from '../../../worker/room/frame-payloads';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array) => decoder.decode(bytes);

describe('framePayloads', () => {
  it('sends one message as itself and several as one batch', () => {
    expect(framePayloads(['{"a":1}']).map(text)).toEqual(['{"a":1}']);
    expect(framePayloads(['{"a":1}', '{"b":2}']).map(text)).toEqual([
      '{"type":"batch","messages":[{"a":1},{"b":2}]}',
    ]);
  });

  it('keeps binary payloads in their place, each in a frame of its own', () => {
    const c1 = new Uint8Array([1, 0xaa]);
    const c2 = new Uint8Array([1, 0xbb]);
    const frames = framePayloads(['{"a":1}', c1, c2, '{"b":2}', '{"c":3}', c1]);
    expect(frames).toHaveLength(5);
    expect(text(frames[0]!)).toBe('{"a":1}');
    expect(frames[1]).toBe(c1);
    expect(frames[2]).toBe(c2);
    expect(text(frames[3]!)).toBe('{"type":"batch","messages":[{"b":2},{"c":3}]}');
    expect(frames[4]).toBe(c1);
  });

  it('shares the encoding of identical JSON runs across recipients', () => {
    const shared = new Map<string, Uint8Array<ArrayBuffer>>();
    const [first] = framePayloads(['{"x":1}'], shared);
    const [second] = framePayloads(['{"x":1}'], shared);
    expect(second).toBe(first);
  });
});
