// What many downloads at once cost the room in R2 reads and decrypted objects (issue 10, the
// download-accept storm): recipients of one file share each staged object's read
// (worker/room/files/staged-object-cache.ts), and no more than MAX_STAGED_READS objects are read and
// decrypted at once over all downloads (read-gate.ts). The room's staging reads are counted by a
// spy put in place for the test and taken away after it.

import { runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bytes } from '#crypto/base64';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import type { ChatRoom } from '../../worker/room/chat-room';
import { STAGED_OBJECT_CHUNKS } from '../../worker/room/files/file-limits';
import { MAX_STAGED_READS } from '../../worker/room/files/staged-object-cache';
import type { Staging } from '../../worker/room/files/staging';
import { download, fetchFile, nextAbout, sha256Hex, share, testFile } from './support/files';
import { closeAll, joinAll, joinAs, type Member, roomStub, uniqueName } from './support/room-client';

afterEach(async () => {
  closeAll();
  await runInDurableObject(roomStub(), (room: ChatRoom) => {
    const staging = Reflect.get(room.files, 'staging') as Staging;
    Reflect.deleteProperty(staging, 'get'); // back to the prototype's
  });
});

interface ReadLog {
  /** Object keys read, in order ("<fileId>/<object>"). */
  reads: string[];
  /** Reads under way now, and the most there ever were. */
  inFlight: number;
  maxInFlight: number;
}

/** The spy's state in the room's isolate: the log, and the gate reads wait at while held. */
interface ReadSpy {
  log: ReadLog;
  gate: Promise<void> | null;
  open: () => void;
}

/** Counts the room's staging reads (and can hold them) until the test ends. */
async function spyOnStagedReads(): Promise<void> {
  await runInDurableObject(roomStub(), (room: ChatRoom) => {
    const staging = Reflect.get(room.files, 'staging') as Staging;
    const original = staging.get;
    const spy: ReadSpy = {
      log: { reads: [], inFlight: 0, maxInFlight: 0 },
      gate: null,
      open: () => undefined,
    };
    const { log } = spy;
    Reflect.set(staging, 'spy', spy);
    Reflect.set(staging, 'get', async (fileId: string, object: number, rawKey: Bytes) => {
      log.reads.push(`${fileId}/${object}`);
      log.inFlight++;
      log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
      try {
        await spy.gate;
        return await original.call(staging, fileId, object, rawKey);
      } finally {
        log.inFlight--;
      }
    });
  });
}

/** The reads so far; with `hold`, reads from now on wait until `hold` is false again. */
function readLog(hold?: boolean): Promise<ReadLog> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => {
    const spy = Reflect.get(Reflect.get(room.files, 'staging') as Staging, 'spy') as ReadSpy;
    if (hold === true) {
      spy.gate = new Promise((resolve) => {
        spy.open = resolve;
      });
    } else if (hold === false) {
      spy.gate = null;
      spy.open();
    }
    return { ...spy.log, reads: [...spy.log.reads] };
  });
}

/** How many times each of `fileId`'s objects was read from R2. */
function readsOf(log: ReadLog, fileId: string): number[] {
  const counts: number[] = [];
  for (const key of log.reads) {
    if (!key.startsWith(`${fileId}/`)) continue;
    const object = Number(key.slice(fileId.length + 1));
    counts[object] = (counts[object] ?? 0) + 1;
  }
  return counts;
}

describe('downloads of one file', () => {
  it('thirty recipients of one Lobby file read each of its staged objects from R2 once, and each gets every byte', async () => {
    const sender = await joinAs(uniqueName('sender'));
    const recipients: Member[] = [];
    for (let i = 0; i < 30; i++) recipients.push(await joinAs(uniqueName(`r${i}`)));
    // Two objects: recipients a little ahead of the others read the second while the rest read the first.
    const original = testFile(2 * STAGED_OBJECT_CHUNKS * FILE_CHUNK_BYTES - 1000);
    const sha256 = await sha256Hex(original);
    await spyOnStagedReads();
    const fileId = await share(sender, original);
    const offers = await Promise.all(recipients.map((r) => nextAbout(r, { fileId }, 'file_offered')));
    const files = await Promise.all(recipients.map((r, i) => fetchFile(r, offers[i] as (typeof offers)[0])));
    for (const bytes of files) expect(await sha256Hex(bytes)).toBe(sha256);
    expect(readsOf(await readLog(), fileId)).toEqual([1, 1]);
  }, 60_000);
});

describe('downloads of many files', () => {
  it(`read and decrypt no more than ${MAX_STAGED_READS} staged objects at once, and all finish`, async () => {
    const [alice, ...others] = await joinAll(
      uniqueName('alice'),
      uniqueName('bob'),
      uniqueName('carol'),
      uniqueName('dave'),
      uniqueName('erin'),
    );
    const shared: { to: Member; fileId: string; sha256: string }[] = [];
    for (const to of others) {
      const bytes = testFile(STAGED_OBJECT_CHUNKS * FILE_CHUNK_BYTES);
      shared.push({ to, fileId: await share(alice, bytes, { to: to.name }), sha256: await sha256Hex(bytes) });
    }
    await spyOnStagedReads();
    await readLog(true);
    const downloads = await Promise.all(
      shared.map(async ({ to, fileId }) => {
        const started = download(to, await nextAbout(to, { fileId }, 'file_offered'));
        // Said after the accept on the same socket: once it is back, the accept was handled.
        await to.say('accepted');
        return started;
      }),
    );
    // Every download asked for its first object: two reads run (held), the others wait their turn.
    const held = await readLog();
    expect(held.inFlight).toBe(MAX_STAGED_READS);
    expect(held.reads.length).toBe(MAX_STAGED_READS);
    await readLog(false);
    const files = await Promise.all(downloads.map((d) => d.done));
    for (const [i, bytes] of files.entries()) expect(await sha256Hex(bytes)).toBe(shared[i]?.sha256);
    const log = await readLog();
    expect(log.maxInFlight).toBe(MAX_STAGED_READS);
  });
});
