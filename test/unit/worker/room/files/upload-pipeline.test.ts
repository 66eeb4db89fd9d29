// Unit tests for worker/room/files/upload-pipeline.ts: chunks are packed into staged objects,
// each written once complete (or as it is once it stops filling), acknowledged in chunk order only
// after its write, and a partly written object is read back after an eviction.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bytes } from '#crypto/base64';
import type { ObjectLayout } from '../../../../../worker/room/files/file-limits';
import { UploadPipeline, type UploadSink } from '../../../../../worker/room/files/upload-pipeline';
import { must } from '../../../../support/must';

/** 4-byte chunks, 4 per object: a 10-chunk file is objects of 4, 4 and 2 chunks. */
const LAYOUT: ObjectLayout = { size: 38, chunkSize: 4, objectChunks: 4 };
const FLUSH_MS = 200;

/** Chunk `index` of the test file: its bytes are index*10 + 0..3 (the last one is short). */
function chunk(index: number): Bytes {
  const length = Math.min(LAYOUT.chunkSize, LAYOUT.size - index * LAYOUT.chunkSize);
  return Uint8Array.from({ length }, (_, i) => index * 10 + i);
}

function chunksFrom(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => [...chunk(first + k)]).flat();
}

interface Write {
  object: number;
  bytes: number[];
  finish: (ok?: boolean) => void;
}

/** A sink whose writes finish only when the test says so. */
function fakeSink() {
  const writes: Write[] = [];
  const staged: [number, number, boolean][] = [];
  const sink: UploadSink = {
    write: (object, plain) =>
      new Promise<void>((resolve, reject) => {
        writes.push({
          object,
          bytes: [...plain],
          finish: (ok = true) => (ok ? resolve() : reject(new Error('R2'))),
        });
      }),
    staged: async (from, to, ok) => {
      staged.push([from, to, ok]);
    },
    defer: (task) => void task(),
  };
  return { sink, writes, staged };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('UploadPipeline', () => {
  it('packs chunks into objects and writes each one once it is complete, the short last one at once', async () => {
    const { sink, writes, staged } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    for (let i = 0; i < 3; i++) pipeline.accept(chunk(i));
    expect(writes).toHaveLength(0);
    pipeline.accept(chunk(3));
    expect(writes.map((w) => w.object)).toEqual([0]);
    expect(must(writes[0]).bytes).toEqual(chunksFrom(0, 4));
    for (let i = 4; i < 10; i++) pipeline.accept(chunk(i));
    expect(writes.map((w) => w.object)).toEqual([0, 1, 2]);
    expect(must(writes[2]).bytes).toEqual(chunksFrom(8, 2));
    expect(pipeline.accepted).toBe(10);
    for (const write of writes) write.finish();
    await settle();
    expect(staged).toEqual([
      [0, 4, true],
      [4, 8, true],
      [8, 10, true],
    ]);
  });

  it('acknowledges in chunk order even when a later object reaches R2 first', async () => {
    const { sink, writes, staged } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    for (let i = 0; i < 8; i++) pipeline.accept(chunk(i));
    must(writes[1]).finish();
    await settle();
    expect(staged).toEqual([]);
    must(writes[0]).finish();
    await settle();
    expect(staged).toEqual([
      [0, 4, true],
      [4, 8, true],
    ]);
  });

  it('reports a failed write for its chunks, and still the later ones in order', async () => {
    const { sink, writes, staged } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    for (let i = 0; i < 8; i++) pipeline.accept(chunk(i));
    must(writes[0]).finish(false);
    must(writes[1]).finish();
    await settle();
    expect(staged).toEqual([
      [0, 4, false],
      [4, 8, true],
    ]);
  });

  it('writes an object that stopped filling as it is, then whole once complete, never the short one last', async () => {
    vi.useFakeTimers();
    const { sink, writes, staged } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    pipeline.accept(chunk(0));
    pipeline.accept(chunk(1));
    vi.advanceTimersByTime(FLUSH_MS - 1);
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(writes.map((w) => [w.object, w.bytes])).toEqual([[0, chunksFrom(0, 2)]]);

    pipeline.accept(chunk(2));
    pipeline.accept(chunk(3));
    await vi.advanceTimersByTimeAsync(FLUSH_MS);
    // The whole object waits for the short write of the same object to land first.
    expect(writes).toHaveLength(1);
    must(writes[0]).finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((w) => [w.object, w.bytes])).toEqual([
      [0, chunksFrom(0, 2)],
      [0, chunksFrom(0, 4)],
    ]);
    must(writes[1]).finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(staged).toEqual([
      [0, 2, true],
      [2, 4, true],
    ]);
  });

  it('does not write an object again when nothing new came since it was flushed', () => {
    vi.useFakeTimers();
    const { sink, writes } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    pipeline.accept(chunk(0));
    vi.advanceTimersByTime(FLUSH_MS);
    pipeline.flushPartial();
    vi.advanceTimersByTime(10 * FLUSH_MS);
    expect(writes).toHaveLength(1);
  });

  it('puts back the head of a partly written object after an eviction, and completes it', async () => {
    const { sink, writes } = fakeSink();
    // SQLite says chunks 0..5 are staged: object 1 holds chunks 4 and 5.
    const pipeline = new UploadPipeline('f', LAYOUT, 6, sink, FLUSH_MS);
    expect(pipeline.missingHead(6)).toBe(1);
    // A third chunk written just before the eviction, never acknowledged, is dropped: it comes again.
    expect(pipeline.restore(1, Uint8Array.from(chunksFrom(4, 3)))).toBe(true);
    expect(pipeline.missingHead(6)).toBeNull();
    pipeline.accept(chunk(6));
    pipeline.accept(chunk(7));
    expect(writes.map((w) => [w.object, w.bytes])).toEqual([[1, chunksFrom(4, 4)]]);
  });

  it('refuses a head that holds less than SQLite says is staged', () => {
    const { sink } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 6, sink, FLUSH_MS);
    expect(pipeline.restore(1, Uint8Array.from(chunksFrom(4, 1)))).toBe(false);
  });

  it('needs no head at the start of an object', () => {
    const { sink } = fakeSink();
    expect(new UploadPipeline('f', LAYOUT, 8, sink, FLUSH_MS).missingHead(8)).toBeNull();
  });

  it('writes nothing more once ended', () => {
    vi.useFakeTimers();
    const { sink, writes } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS);
    pipeline.accept(chunk(0));
    pipeline.end();
    vi.advanceTimersByTime(10 * FLUSH_MS);
    expect(writes).toHaveLength(0);
    expect(pipeline.ended).toBe(true);
  });

  it('runs at most maxWrites writes at once, starting the next in order as one finishes', async () => {
    const { sink, writes, staged } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS, 1);
    for (let i = 0; i < 10; i++) pipeline.accept(chunk(i));
    expect(writes.map((w) => w.object)).toEqual([0]);
    must(writes[0]).finish();
    await settle();
    expect(writes.map((w) => w.object)).toEqual([0, 1]);
    must(writes[1]).finish();
    await settle();
    must(writes[2]).finish();
    await settle();
    expect(writes.map((w) => w.object)).toEqual([0, 1, 2]);
    expect(staged.map(([, to]) => to)).toEqual([4, 8, 10]);
  });

  it('does not start writes still waiting for a slot once ended', async () => {
    const { sink, writes } = fakeSink();
    const pipeline = new UploadPipeline('f', LAYOUT, 0, sink, FLUSH_MS, 1);
    for (let i = 0; i < 8; i++) pipeline.accept(chunk(i));
    pipeline.end();
    must(writes[0]).finish();
    await pipeline.drained();
    expect(writes.map((w) => w.object)).toEqual([0]);
  });
});
