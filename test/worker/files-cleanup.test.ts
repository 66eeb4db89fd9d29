// The room's alarm cleans up files: a staged file nobody fetched goes after its TTL (recipients still
// waiting are told), an upload whose sender vanished goes after UPLOAD_IDLE_MS, from R2 and SQLite. The alarm is set for the next
// file due even when nobody is connected; an empty room with no files waits only for the audit log's
// retention (audit-retention.test.ts).
// Time is moved by faking Date in the test isolate, which the room shares (as in resume.test.ts).

import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILE_TTL_MS, FILE_CHUNK_BYTES, UPLOAD_IDLE_MS } from '#protocol/limits';
import {
  fileIsGone,
  fileRows,
  nextAbout,
  objectCountOf,
  offerOk,
  share,
  stagedObjects,
  testFile,
  uploadChunks,
} from './support/files';
import { closeAll, joinAll, roomStub, uniqueName } from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

/** Runs the room's alarm as if it fired `ms` from now. */
async function alarmAfter(ms: number): Promise<boolean> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
  try {
    return await runDurableObjectAlarm(roomStub());
  } finally {
    vi.useRealTimers();
  }
}

function scheduledAlarm(): Promise<number | null> {
  return runInDurableObject(roomStub(), (_instance, state) => state.storage.getAlarm());
}

/** Closes every socket of the room at once, so that nothing keeps the sweep alive. */
function dropAllSockets(): Promise<void> {
  return evictDurableObject(roomStub(), { webSockets: 'close' });
}

describe('the alarm', () => {
  it('keeps an upload that is only paused, and deletes it once its sender has been gone too long', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const original = testFile(4 * FILE_CHUNK_BYTES);
    const fileId = await offerOk(alice, original, { to: bob.name });
    await uploadChunks(alice, fileId, original, 0, 2);
    alice.channel.close();
    await bob.inbox.presence(`leave:${alice.name}:left`);

    await alarmAfter(UPLOAD_IDLE_MS - 10_000);
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(2));
    expect((await fileRows(fileId)).files).toBe(1);

    await alarmAfter(UPLOAD_IDLE_MS + 1_000);
    expect(await fileIsGone(fileId)).toBe(true);
  });

  it('tells a sender who is still connected that its stalled upload expired', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    const fileId = await offerOk(alice, testFile(2 * FILE_CHUNK_BYTES));
    const failed = nextAbout(alice, { fileId }, 'file_failed');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + UPLOAD_IDLE_MS + 1_000);
    // Alice is still there (she chats), but her upload has had no chunk for too long.
    await alice.say('still here');
    await runDurableObjectAlarm(roomStub());
    vi.useRealTimers();
    expect((await failed).code).toBe('file_expired');
    expect(await fileIsGone(fileId)).toBe(true);
    expect((await alice.say('and still chatting')).text).toBe('and still chatting');
  });

  it('deletes a staged file that nobody downloaded once its TTL has passed, and not before', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const fileId = await share(alice, testFile(3 * FILE_CHUNK_BYTES), { to: bob.name });
    await nextAbout(bob, { fileId }, 'file_offered');
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(3));

    await alarmAfter(DEFAULT_FILE_TTL_MS - 60_000);
    expect(await stagedObjects(fileId)).toHaveLength(objectCountOf(3));
    expect(await fileRows(fileId)).toEqual({ files: 1, recipients: 1 });

    await alarmAfter(DEFAULT_FILE_TTL_MS + 1_000);
    expect(await fileIsGone(fileId)).toBe(true);
  });

  it('tells a recipient still offered the file that it expired, and not one who declined it', async () => {
    const [alice, bob, carol] = await joinAll(uniqueName('alice'), uniqueName('bob'), uniqueName('carol'));
    const fileId = await share(alice, testFile(2 * FILE_CHUNK_BYTES));
    await nextAbout(bob, { fileId }, 'file_offered');
    await nextAbout(carol, { fileId }, 'file_offered');
    const declined = nextAbout(alice, { fileId }, 'file_declined');
    await carol.channel.send({ type: 'file_decline', fileId });
    await declined;

    const expired = nextAbout(bob, { fileId }, 'file_failed');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + DEFAULT_FILE_TTL_MS + 1_000);
    // A day on, all three are still there (each chats), so the sweep keeps their sockets.
    for (const member of [alice, bob, carol]) await member.say('a day later');
    await runDurableObjectAlarm(roomStub());
    vi.useRealTimers();
    expect(await expired).toMatchObject({ code: 'file_expired', message: expect.stringMatching(/expired/) });
    expect(await fileIsGone(fileId)).toBe(true);
    // Once a later message reaches carol, a notice would have too: she has none.
    const later = await alice.say('after the expiry');
    await carol.inbox.next('msg', (m) => m.id === later.id);
    expect(carol.inbox.log.some((m) => m.type === 'file_failed')).toBe(false);
  });

  it('is set for the next file due when nobody is connected, and not for files once the room is empty', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const fileId = await share(alice, testFile(1000), { to: bob.name });
    const expiresAt = await runInDurableObject(roomStub(), (_instance, state) =>
      state.storage.sql
        .exec<{ expires_at: number }>('SELECT expires_at FROM files WHERE file_id = ?', fileId)
        .one(),
    );
    await dropAllSockets();

    // The sweep runs once more, finds no sockets, and waits for the file instead.
    expect(await runDurableObjectAlarm(roomStub())).toBe(true);
    expect(await scheduledAlarm()).toBe(expiresAt.expires_at);

    // At expiry the file goes; only the audit log's events are left, which keep for days.
    expect(await alarmAfter(DEFAULT_FILE_TTL_MS + 1_000)).toBe(true);
    expect(await fileIsGone(fileId)).toBe(true);
    expect(await scheduledAlarm()).toBeGreaterThan(Date.now() + 7 * DEFAULT_FILE_TTL_MS);
  });
});
