// The operator's /admin page in Chromium: it asks for the token (and says so when it is wrong), then
// shows the room's events in a table that filters by kind and user, and the per-hour chart; the
// "Room" picker lists every room, unlisted ones too, and the table follows the room picked.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { AdminPage } from './support/admin-page';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { uniqueName } from './support/names';
import { adminToken } from './support/provided';

const room = useBrowserRoom();

describe('the /admin page', () => {
  it('refuses a wrong token in an alert, and keeps asking', async () => {
    const tab = await room.openAt('/admin', 'admin');
    // Chromium logs every 401 answer as a failed resource load.
    tab.allowConsoleErrors(/status of 401 \(Unauthorized\)/);
    const admin = new AdminPage(tab);
    await admin.signIn('not-the-token');
    await expect
      .poll(() => admin.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining('refused'));
    expect(await admin.tokenField.count()).toBe(1);
    expect(await admin.table.count()).toBe(0);
  });

  it('shows a join in the events table, filters it by kind and user, and charts the hour', async () => {
    const alice = await room.join('alice');
    const name = must(alice.name);
    await alice.send('hello, whoever reads the log');

    const admin = new AdminPage(await room.openAt('/admin', 'admin'));
    await admin.signIn(adminToken());
    await expect
      .poll(
        async () => (await admin.rows()).some(([, kind, user]) => kind === 'join' && user === name),
        eventually,
      )
      .toBe(true);
    // The token field is gone once the API accepted it.
    expect(await admin.tokenField.count()).toBe(0);

    await admin.kindFilter.selectOption('message');
    expect(await admin.applyFilters()).toBe(200);
    expect(new Set(await admin.kinds())).toEqual(new Set(['message']));
    // The message is there by its size only.
    const message = must((await admin.rows()).find(([, , user]) => user === name));
    expect(message[4]).toBe(`${'hello, whoever reads the log'.length} chars`);
    expect((await admin.page.content()).includes('whoever reads')).toBe(false);

    await admin.kindFilter.selectOption('');
    await admin.userFilter.fill(name.toUpperCase());
    expect(await admin.applyFilters()).toBe(200);
    expect(new Set((await admin.rows()).map(([, , user]) => user))).toEqual(new Set([name]));

    await expect.poll(() => admin.chart.count(), eventually).toBe(1);
    const summary = await admin.chart.getAttribute('aria-label');
    expect(summary).toMatch(/last 24 hours: [1-9]\d* joins?, [1-9]\d* messages?/);
    await admin.page.getByText('Chart data', { exact: true }).click();
    expect(await admin.page.getByRole('table', { name: 'Joins, messages and errors per hour' }).count()).toBe(
      1,
    );
  });

  it('picks a room in "Room", and the events table shows that room\'s events only', async () => {
    const slug = `admin-${Math.random().toString(36).slice(2, 8)}`;
    const inRoom = await room.openAt(`/r/${slug}`, 'ann');
    await inRoom.join(uniqueName('ann'));
    const ann = must(inRoom.name);
    // Not room.join: that waits for every open page's roster, and ann's is another room's.
    const lobby = await room.open('ben');
    await lobby.join(uniqueName('ben'));
    const ben = must(lobby.name);

    const admin = new AdminPage(await room.openAt('/admin', 'admin'));
    await admin.signIn(adminToken());
    // The default room first, its events as before rooms existed.
    await expect.poll(() => admin.roomPicker.inputValue(), eventually).toBe('lobby');
    await expect
      .poll(
        async () => (await admin.rows()).some(([, kind, user]) => kind === 'join' && user === ben),
        eventually,
      )
      .toBe(true);
    // The room is listed once it has reported its first join.
    const option = admin.roomPicker.locator(`option[value="${slug}"]`);
    await expect
      .poll(async () => {
        if ((await option.count()) === 0) await admin.refreshButton.click();
        return option.textContent();
      }, eventually)
      .toBe(`${slug}, 1 online`);

    expect(await admin.chooseRoom(slug)).toBe(200);
    const users = (await admin.rows()).map(([, , user]) => user);
    expect(users).toContain(ann);
    expect(users).not.toContain(ben);
    expect(await admin.roomPicker.inputValue()).toBe(slug);

    // The filters apply within the room picked.
    await admin.kindFilter.selectOption('join');
    expect(await admin.applyFilters()).toBe(200);
    expect((await admin.rows()).map(([, kind, user]) => `${kind}:${user}`)).toEqual([`join:${ann}`]);
  });
});
