// The downloads' shared cache of decrypted staged objects (worker/room/files/staged-object-cache.ts):
// one read per object however many readers, the byte cap, and never freeing what a reader holds.

import { describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { ReadGate } from '../../../../../worker/room/files/read-gate';
import { StagedObjectCache } from '../../../../../worker/room/files/staged-object-cache';

const KEY = new Uint8Array(32);
const MIB = 1024 * 1024;

/** A fake staging store: objects of `bytes` filled with their index, reads counted and held on demand. */
class FakeStaging {
  reads: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  gone = new Set<string>();
  private gates: (() => void)[] = [];
  held = false;

  constructor(private readonly bytes = MIB) {}

  async get(fileId: string, object: number): Promise<Bytes | null> {
    this.reads.push(`${fileId}/${object}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.held) await new Promise<void>((resolve) => this.gates.push(resolve));
    this.inFlight--;
    if (this.gone.has(fileId)) return null;
    return new Uint8Array(this.bytes).fill(object);
  }

  openAll(): void {
    this.held = false;
    for (const open of this.gates.splice(0)) open();
  }
}

function cache(staging: FakeStaging, capBytes = 4 * MIB, reads = 2) {
  return new StagedObjectCache(staging, new ReadGate(reads), capBytes);
}

describe('StagedObjectCache', () => {
  it('reads an object once for thirty readers asking at the same time, and once more only after it was dropped', async () => {
    const staging = new FakeStaging();
    const objects = cache(staging);
    const leases = await Promise.all(Array.from({ length: 30 }, () => objects.get('f', 0, KEY)));
    expect(staging.reads).toEqual(['f/0']);
    expect(leases.every((l) => l?.data[0] === 0 && l.data.byteLength === MIB)).toBe(true);
    for (const l of leases) l?.release();
    (await objects.get('f', 0, KEY))?.release();
    expect(staging.reads).toEqual(['f/0']);
    objects.drop('f');
    expect(objects.bytes).toBe(0);
    (await objects.get('f', 0, KEY))?.release();
    expect(staging.reads).toEqual(['f/0', 'f/0']);
  });

  it('reads no more objects at once than its gate allows', async () => {
    const staging = new FakeStaging();
    staging.held = true;
    const objects = cache(staging, 16 * MIB, 2);
    const pending = Array.from({ length: 6 }, (_, i) => objects.get('f', i, KEY));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(staging.inFlight).toBe(2);
    staging.openAll();
    // Those that waited for the gate are held in turn: open until all are through.
    while (staging.reads.length < 6 || staging.inFlight > 0) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      staging.openAll();
      staging.held = true;
    }
    for (const l of await Promise.all(pending)) l?.release();
    expect(staging.maxInFlight).toBe(2);
  });

  it('keeps no more than its cap of objects nobody reads, least recently used going first', async () => {
    const staging = new FakeStaging();
    const objects = cache(staging, 2 * MIB);
    for (const object of [0, 1, 0, 2]) (await objects.get('f', object, KEY))?.release();
    expect(objects.bytes).toBe(2 * MIB);
    expect(staging.reads).toEqual(['f/0', 'f/1', 'f/2']);
    // Object 1 was the least recently used: it went, 0 stayed.
    (await objects.get('f', 0, KEY))?.release();
    (await objects.get('f', 1, KEY))?.release();
    expect(staging.reads).toEqual(['f/0', 'f/1', 'f/2', 'f/1']);
  });

  it('never frees an object under a reader that still holds it, even once dropped or past the cap', async () => {
    const staging = new FakeStaging();
    const objects = cache(staging, MIB);
    const first = await objects.get('f', 0, KEY);
    const second = await objects.get('f', 1, KEY);
    objects.drop('f');
    expect(first?.data.byteLength).toBe(MIB);
    expect(second?.data[0]).toBe(1);
    first?.release();
    first?.release(); // twice is harmless
    expect(second?.data.byteLength).toBe(MIB);
    second?.release();
    expect([objects.bytes, objects.size]).toEqual([0, 0]);
  });

  it('answers null when the object is gone, and does not keep the answer', async () => {
    const staging = new FakeStaging();
    staging.gone.add('f');
    const objects = cache(staging);
    expect(await objects.get('f', 0, KEY)).toBeNull();
    staging.gone.delete('f');
    const again = await objects.get('f', 0, KEY);
    expect(again?.data.byteLength).toBe(MIB);
    expect(staging.reads).toEqual(['f/0', 'f/0']);
  });

  it('does not read an object whose file was dropped while the read waited for the gate', async () => {
    const staging = new FakeStaging();
    staging.held = true;
    const objects = cache(staging, 4 * MIB, 1);
    const first = objects.get('a', 0, KEY);
    const waiting = objects.get('b', 0, KEY);
    objects.drop('b');
    staging.openAll();
    expect(await waiting).toBeNull();
    (await first)?.release();
    expect(staging.reads).toEqual(['a/0']);
  });

  it('lets an object go as soon as its reader does when nobody else will want it (a private file)', async () => {
    const staging = new FakeStaging();
    const objects = cache(staging);
    (await objects.get('private', 0, KEY, false))?.release();
    (await objects.get('lobby', 0, KEY))?.release();
    expect([objects.bytes, objects.size]).toEqual([MIB, 1]);
    (await objects.get('private', 0, KEY, false))?.release();
    (await objects.get('lobby', 0, KEY))?.release();
    expect(staging.reads).toEqual(['private/0', 'lobby/0', 'private/0']);
  });
});
