// Retention: the room's alarm deletes events older than AUDIT_RETENTION_DAYS (30 by default) and the
// oldest beyond AUDIT_MAX_ROWS (the test config sets 1000), and is set again for the oldest event
// left. An empty room sets no alarm. Events survive an eviction. Time is moved by faking Date in the
// test isolate, which the room shares.

import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEventsPage } from '#protocol/audit-events';
import { parseConfig } from '../../worker/config';
import { CAP_CHECK_EVERY, PRUNE_INTERVAL_MS } from '../../worker/room/audit/audit-log';
import type { ChatRoom } from '../../worker/room/chat-room';
import { must } from '../support/must';
import { adminGet, adminToken, auditMark, eventsAfter, listEvents } from './support/audit';
import { at } from './support/clock';
import { closeAll, joinAll, roomStub, uniqueName } from './support/room-client';

afterEach(() => {
  vi.useRealTimers();
  closeAll();
});

const DAY = 24 * 60 * 60 * 1000;
/** The default: the test config leaves AUDIT_RETENTION_DAYS unset. */
const RETENTION_MS = parseConfig({}).config.AUDIT_RETENTION_DAYS * DAY;
const MAX_ROWS = 1000;

function record(user: string, count = 1): Promise<void> {
  return runInDurableObject(roomStub(), (room: ChatRoom) => {
    for (let i = 0; i < count; i++) room.audit.record('message', { user, size: i });
  });
}

function scheduledAlarm(): Promise<number | null> {
  return runInDurableObject(roomStub(), (_room: ChatRoom, state) => state.storage.getAlarm());
}

function rowCount(): Promise<number> {
  return runInDurableObject(
    roomStub(),
    (_room: ChatRoom, state) =>
      state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM events').one().n,
  );
}

/** Closes every socket at once, so that no stale-socket sweep keeps the alarm early. */
function dropAllSockets(): Promise<void> {
  return evictDurableObject(roomStub(), { webSockets: 'close' });
}

describe('audit retention', () => {
  it('deletes events older than 30 days when the alarm runs, and keeps the rest', async () => {
    const t0 = Date.now();
    await at(t0, () => record('old'));
    await at(t0 + 2 * DAY, () => record('newer'));

    await at(t0 + RETENTION_MS - DAY, () => runDurableObjectAlarm(roomStub()));
    expect((await listEvents({ user: 'old' })).events).toHaveLength(1);

    await at(t0 + RETENTION_MS + 1_000, () => runDurableObjectAlarm(roomStub()));
    expect((await listEvents({ user: 'old' })).events).toHaveLength(0);
    expect((await listEvents({ user: 'newer' })).events).toHaveLength(1);
  });

  it('keeps at most AUDIT_MAX_ROWS, the newest, checking on insert and on the alarm', async () => {
    const mark = await auditMark();
    await record('bulk', MAX_ROWS + 400);
    // The cap is checked every CAP_CHECK_EVERY writes, so the table never runs far past it.
    expect(await rowCount()).toBeLessThanOrEqual(MAX_ROWS + CAP_CHECK_EVERY);

    await runDurableObjectAlarm(roomStub());
    expect(await rowCount()).toBe(MAX_ROWS);
    // The newest survive: the last write of the loop is there, the first is gone.
    const kept = (await listEvents({ user: 'bulk' })).events;
    expect(must(kept[0]).size).toBe(MAX_ROWS + 399);
    expect(must(kept.at(-1)).size).toBe(400);
    expect(kept.every((e) => e.id > mark)).toBe(true);
  });

  it('never removes a security event for the row cap, only once it is too old', async () => {
    const t0 = Date.now();
    await at(t0, () =>
      runInDurableObject(roomStub(), (room: ChatRoom) => {
        room.audit.record('admin_auth_failed', { code: 'bad_token' });
        room.audit.record('rate_limited', { user: 'flooder', code: 'rate_limit_close' });
        room.audit.record('leave', { user: 'flooder', code: 'kicked' });
      }),
    );
    await record('bulk', MAX_ROWS + CAP_CHECK_EVERY);
    await runDurableObjectAlarm(roomStub());
    const security = async () =>
      (await listEvents({ kinds: ['admin_auth_failed', 'rate_limited', 'leave'], since: t0 })).events.filter(
        (e) => e.code === 'bad_token' || e.code === 'rate_limit_close' || e.code === 'kicked',
      );
    expect(await security()).toHaveLength(3);
    expect((await listEvents({ user: 'bulk' })).events.length).toBeLessThanOrEqual(MAX_ROWS);

    await at(t0 + RETENTION_MS + 1_000, () => runDurableObjectAlarm(roomStub()));
    expect(await security()).toHaveLength(0);
  });

  it('sets the alarm for the oldest event left, at most hourly, and none once no event is left', async () => {
    await joinAll(uniqueName('alice'));
    await dropAllSockets();
    // A clean slate: the alarm far in the future prunes every event so far.
    await at(Date.now() + 2 * RETENTION_MS, () => runDurableObjectAlarm(roomStub()));
    expect(await rowCount()).toBe(0);
    const t0 = Date.now();
    await at(t0, () => record('early'));
    await at(t0 + 5 * DAY, () => record('late'));

    // Everything up to t0 expires; the next run is when the next event does.
    await at(t0 + RETENTION_MS + 1_000, () => runDurableObjectAlarm(roomStub()));
    const oldest = must((await listEvents({ limit: 1, after: 0 })).events[0]);
    expect(oldest.at).toBe(t0 + 5 * DAY);
    expect(await scheduledAlarm()).toBe(oldest.at + RETENTION_MS);

    // An event about to expire does not make the alarm run again within the hour.
    const runAt = oldest.at + RETENTION_MS - 1_000;
    await at(runAt, () => runDurableObjectAlarm(roomStub()));
    expect(await scheduledAlarm()).toBe(runAt + PRUNE_INTERVAL_MS);

    // The last event goes, and an empty room with no sockets sets no alarm at all.
    await at(oldest.at + RETENTION_MS + 1_000, () => runDurableObjectAlarm(roomStub()));
    expect(await rowCount()).toBe(0);
    expect(await scheduledAlarm()).toBeNull();
    expect(await runDurableObjectAlarm(roomStub())).toBe(false);

    // The first event of a new day sets the alarm again, for when it expires.
    const t1 = Date.now();
    await at(t1, () => record('again'));
    await expect.poll(scheduledAlarm).toBe(t1 + RETENTION_MS);
  });

  it('loses nothing to an eviction between recording and reading, and goes on with new ids', async () => {
    const mark = await auditMark();
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await alice.say('before the eviction');
    const before = await eventsAfter(mark);

    const stub = roomStub();
    const instance = await runInDurableObject(stub, (room: ChatRoom) => room);
    await evictDurableObject(stub);
    expect(await runInDurableObject(stub, (room: ChatRoom) => room)).not.toBe(instance);

    const res = await adminGet(`/api/admin/events?after=${mark}`, adminToken());
    const after = (await res.json<AuditEventsPage>()).events;
    expect(after).toEqual(before);

    await bob.say('after the eviction');
    const newer = await eventsAfter(must(before.at(-1)).id, ['message']);
    expect(newer.map((e) => e.user)).toEqual([bob.name]);
  });
});
