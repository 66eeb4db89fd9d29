// Unit tests for worker/room/write-behind.ts: a message's writes wait for the next flush, run there
// in order in one transaction (all or none), and any read of the message tables runs them first.

import { describe, expect, it } from 'vitest';
import { readsAfterWrites, WriteBehind } from '../../../../worker/room/write-behind';

/** A store whose transaction keeps all of a closure's writes or, when one throws, none. */
function fakeStore() {
  let rows: string[] = [];
  const transactions: string[][] = [];
  return {
    get rows() {
      return rows;
    },
    transactions,
    transaction(writes: () => void) {
      const before = rows;
      rows = [...rows];
      try {
        writes();
        transactions.push(rows.slice(before.length));
      } catch (error) {
        rows = before;
        throw error;
      }
    },
    write(row: string) {
      rows.push(row);
    },
  };
}

function writeBehind() {
  const store = fakeStore();
  const events = { flushesAsked: 0, failures: [] as unknown[] };
  const writes = new WriteBehind(
    (w) => store.transaction(w),
    () => events.flushesAsked++,
    (error) => events.failures.push(error),
  );
  return { store, writes, events };
}

describe('WriteBehind', () => {
  it('writes nothing until drained, then every waiting write in order and in one transaction', () => {
    const { store, writes } = writeBehind();
    writes.defer(() => store.write('msg 1'));
    writes.defer(() => store.write('cid 1'));
    writes.defer(() => store.write('msg 2'));
    expect(store.rows).toEqual([]);
    expect(writes.size).toBe(3);

    writes.drain();

    expect(store.transactions).toEqual([['msg 1', 'cid 1', 'msg 2']]);
    expect(writes.size).toBe(0);
  });

  it('asks for a flush when the first write starts waiting, not for every write', () => {
    const { store, writes, events } = writeBehind();
    writes.defer(() => store.write('a'));
    writes.defer(() => store.write('b'));
    expect(events.flushesAsked).toBe(1);
    writes.drain();
    writes.defer(() => store.write('c'));
    expect(events.flushesAsked).toBe(2);
  });

  it('does nothing when drained with no write waiting', () => {
    const { store, writes } = writeBehind();
    writes.drain();
    expect(store.transactions).toEqual([]);
  });

  it('keeps none of a drain’s writes when one fails, tells the room, and throws so that nothing is sent', () => {
    const { store, writes, events } = writeBehind();
    const full = new Error('database full');
    writes.defer(() => store.write('msg 1'));
    writes.defer(() => {
      throw full;
    });
    writes.defer(() => store.write('msg 2'));

    expect(() => writes.drain()).toThrow(full);

    expect(store.rows).toEqual([]);
    expect(events.failures).toEqual([full]);
    expect(writes.size).toBe(0);
  });

  it('fails every later drain too, so that nothing handled before the failure is ever sent', () => {
    const { store, writes } = writeBehind();
    const full = new Error('database full');
    writes.defer(() => {
      throw full;
    });
    expect(() => writes.drain()).toThrow(full);

    writes.defer(() => store.write('after the failure'));
    expect(() => writes.drain()).toThrow(full);
    expect(store.rows).toEqual([]);
  });

  it('runs the waiting writes before any statement read through readsAfterWrites', () => {
    const { store, writes } = writeBehind();
    const seen: string[][] = [];
    const sql = {
      exec: (_query: string) => {
        seen.push([...store.rows]);
      },
    };
    const reads = readsAfterWrites(sql, writes);
    writes.defer(() => store.write('msg 1'));

    reads.exec('SELECT 1');

    expect(seen).toEqual([['msg 1']]);
  });

  it('does not drain again from a statement that a waiting write itself runs', () => {
    const { store, writes } = writeBehind();
    const sql = { exec: (_query: string) => {} };
    const reads = readsAfterWrites(sql, writes);
    writes.defer(() => {
      store.write('msg 1');
      // A prune inside the write reads through the same tables.
      reads.exec('DELETE FROM messages WHERE id <= 0');
      store.write('after the prune');
    });

    writes.drain();

    expect(store.transactions).toEqual([['msg 1', 'after the prune']]);
  });
});
