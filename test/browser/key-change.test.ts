// Trust on first use for the room key: when the key pinned for this origin differs from the
// one the room presents, the page warns with a "Room key changed" dialog before joining.

import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { uniqueName } from './support/names';

const room = useBrowserRoom();

const BOGUS_PIN = 'AA:BB:CC:DD';

describe('the room key pin', () => {
  it('asks before joining when the key changed: Cancel stays out, "Trust new key" joins and re-pins', async () => {
    const visitor = await room.open('visitor');
    const pinKey = await visitor.page.evaluate(() => `chatspace:pin:${location.origin}`);
    // The first visit pins the room's real key.
    await expect
      .poll(() => visitor.page.evaluate((key) => localStorage.getItem(key), pinKey), eventually)
      .toBeTruthy();
    const realPin = await visitor.page.evaluate((key) => localStorage.getItem(key), pinKey);
    expect(realPin).not.toBe(BOGUS_PIN);

    // The callback runs in the page: it may use nothing imported here.
    await visitor.page.evaluate(({ key, pin }) => localStorage.setItem(key, pin), {
      key: pinKey,
      pin: BOGUS_PIN,
    });
    await visitor.page.reload();

    const dialog = visitor.page.getByRole('alertdialog', { name: 'Room key changed', exact: true });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => dialog.count(), eventually).toBe(0);
    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining('trust'));
    await expect.poll(() => visitor.status.textContent(), eventually).toBe('Offline');
    expect(await visitor.page.evaluate((key) => localStorage.getItem(key), pinKey)).toBe(BOGUS_PIN);

    // Join again: the dialog comes back, and trusting the new key lets the person in.
    const name = uniqueName('trusting');
    await visitor.tryJoin(name);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Trust new key', exact: true }).click();
    await visitor.tab('Lobby').waitFor();
    await expect.poll(() => visitor.status.textContent(), eventually).toBe('Connected');
    await expect
      .poll(() => visitor.roster.getByRole('listitem').allTextContents(), eventually)
      .toContain(`${name} (you)`);
    expect(await visitor.page.evaluate((key) => localStorage.getItem(key), pinKey)).toBe(realPin);
  });
});
