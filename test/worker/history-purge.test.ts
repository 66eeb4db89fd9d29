// DELETE /api/admin/history and /events: the operator's purges of message history and audit log. Behind the admin token like
// the rest of the admin API; afterwards newcomers see no earlier messages and search finds none.

import { SELF } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventsPage } from '#protocol/audit-events';
import { adminGet, adminToken } from './support/audit';
import { closeAll, joinAll, joinAs, ORIGIN, uniqueName } from './support/room-client';

afterEach(closeAll);

function purge(token?: string, what: 'history' | 'events' = 'history'): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/admin/${what}`, {
    method: 'DELETE',
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}

describe('purging the history', () => {
  it('needs the admin token, and refuses a wrong one', async () => {
    for (const what of ['history', 'events'] as const) {
      expect((await purge(undefined, what)).status).toBe(401);
      expect((await purge('not the token', what)).status).toBe(401);
    }
  });

  it('deletes every stored message: newcomers see none and search finds none', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    await alice.say('purge me quetzal');

    const res = await purge(adminToken());
    expect(res.status).toBe(200);
    expect((await res.json<{ deleted: number }>()).deleted).toBeGreaterThan(0);

    const carol = await joinAs(uniqueName('carol'));
    expect((await carol.inbox.next('history')).messages).toEqual([]);
    await carol.channel.send({ type: 'search', query: 'quetzal' });
    expect((await carol.inbox.next('search_results')).messages).toEqual([]);
    // The room goes on, and the purge is in the audit log.
    expect((await carol.say('a fresh start')).id).toBeGreaterThan(0);
    const events = await (
      await adminGet('/api/admin/events?kind=history_purged', adminToken())
    ).json<AuditEventsPage>();
    expect(events.events.length).toBeGreaterThan(0);
  });

  it('of audit events leaves only the record of the purge itself', async () => {
    const [alice] = await joinAll(uniqueName('alice'));
    await alice.say('an event or two');
    const res = await purge(adminToken(), 'events');
    expect(res.status).toBe(200);
    expect((await res.json<{ deleted: number }>()).deleted).toBeGreaterThan(0);
    const left = await (await adminGet('/api/admin/events', adminToken())).json<AuditEventsPage>();
    expect(left.events.map((e) => e.kind)).toContain('events_purged');
    // What alice did before the purge is gone (sockets closing meanwhile may add a leave).
    expect(left.events.filter((e) => e.user === alice.name && e.kind !== 'leave')).toEqual([]);
  });
});
