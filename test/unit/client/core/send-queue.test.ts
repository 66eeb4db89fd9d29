// Unit tests for client/core/send-queue.ts: messages waiting for the room's confirmation, kept
// across reconnects, bounded, and turned into wire messages the room's parser accepts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '#protocol/parse';
import { MAX_QUEUED, SendQueue, toWire } from '../../../../client/core/send-queue';
import { must } from '../../../support/must';

describe('SendQueue', () => {
  it('numbers messages with increasing client ids, starting at 1', () => {
    const queue = new SendQueue();
    const a = queue.add({ kind: 'msg', text: 'one' });
    const b = queue.add({ kind: 'pm', to: 'bob', text: 'two' });
    expect(a).toEqual({ kind: 'msg', cid: 1, text: 'one' });
    expect(b).toEqual({ kind: 'pm', cid: 2, to: 'bob', text: 'two' });
    expect(queue.peekNextCid).toBe(3);
  });

  it('reserves ids for other requests (file offers) from the same sequence, so none is reused', () => {
    const queue = new SendQueue();
    const first = must(queue.add({ kind: 'msg', text: 'one' })).cid;
    const ref = queue.reserve();
    const second = must(queue.add({ kind: 'msg', text: 'two' })).cid;
    expect([first, ref, second]).toEqual([1, 2, 3]);
    expect(queue.size).toBe(2);
    expect(queue.peekNextCid).toBe(4);
  });

  it('continues from a saved next id, so a reloaded page does not reuse ids', () => {
    const queue = new SendQueue(41);
    expect(queue.add({ kind: 'msg', text: 'x' })?.cid).toBe(41);
    expect(queue.peekNextCid).toBe(42);
  });

  it('never reuses an id, even after messages are settled', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 100 }), (ops) => {
        const queue = new SendQueue();
        const seen: number[] = [];
        for (const settle of ops) {
          if (settle && queue.size > 0) queue.settle(must(queue.all()[0]).cid);
          else seen.push(must(queue.add({ kind: 'msg', text: 't' })).cid);
        }
        for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(must(seen[i - 1]));
      }),
    );
  });

  it('settles exactly the confirmed message and keeps the others in order', () => {
    const queue = new SendQueue();
    for (const text of ['a', 'b', 'c', 'd']) queue.add({ kind: 'msg', text });
    expect(queue.settle(2)).toBe(true);
    expect(queue.all().map((m) => m.text)).toEqual(['a', 'c', 'd']);
    expect(queue.size).toBe(3);
  });

  it('reports false when settling an id that is not queued, or twice', () => {
    const queue = new SendQueue();
    queue.add({ kind: 'msg', text: 'a' });
    expect(queue.settle(99)).toBe(false);
    expect(queue.settle(1)).toBe(true);
    expect(queue.settle(1)).toBe(false);
    expect(queue.size).toBe(0);
  });

  it(`holds at most MAX_QUEUED (${MAX_QUEUED}) messages and refuses the next one`, () => {
    const queue = new SendQueue();
    for (let i = 0; i < MAX_QUEUED; i++) expect(queue.add({ kind: 'msg', text: `m${i}` })).not.toBeNull();
    const nextCid = queue.peekNextCid;
    expect(queue.add({ kind: 'msg', text: 'one too many' })).toBeNull();
    expect(queue.size).toBe(MAX_QUEUED);
    expect(queue.peekNextCid).toBe(nextCid);
  });

  it('makes room again once a message is settled', () => {
    const queue = new SendQueue();
    for (let i = 0; i < MAX_QUEUED; i++) queue.add({ kind: 'msg', text: `m${i}` });
    queue.settle(1);
    expect(queue.add({ kind: 'msg', text: 'fits now' })).not.toBeNull();
    expect(queue.size).toBe(MAX_QUEUED);
  });
});

describe('toWire', () => {
  it('turns a public message into a msg frame stamped with the current time', () => {
    expect(toWire({ kind: 'msg', cid: 7, text: 'hello' }, 1_700_000_000_123)).toEqual({
      type: 'msg',
      cid: 7,
      text: 'hello',
      ts: 1_700_000_000_123,
    });
  });

  it('turns a private message into a pm frame', () => {
    expect(toWire({ kind: 'pm', cid: 8, to: 'bob', text: 'psst' }, 5)).toEqual({
      type: 'pm',
      cid: 8,
      to: 'bob',
      text: 'psst',
      ts: 5,
    });
  });

  it("produces frames the room's parser accepts unchanged", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ kind: fc.constant('msg' as const), text: fc.string() }),
          fc.record({ kind: fc.constant('pm' as const), to: fc.string(), text: fc.string() }),
        ),
        fc.nat({ max: 4_102_444_800_000 }),
        (message, now) => {
          const queue = new SendQueue();
          const wire = toWire(must(queue.add(message)), now);
          expect(parseClientMessage(JSON.parse(JSON.stringify(wire)))).toEqual({ ok: true, value: wire });
        },
      ),
    );
  });
});
