// The Settings panel: dark mode that follows the system until switched and is remembered, the
// "Sound" switch remembered, and opt-in desktop notifications for private messages.
// (alerts.test.ts hears the chime and sees notifications for files.)

import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NOTIFICATIONS_BLOCKED } from '../../client/ui/settings';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import type { ChatPage } from './support/chat-page';
import { eventually } from './support/chat-page';
import { clickLastNotification, fakeNotifications, notificationsShown } from './support/page-alerts';
import { setPageHidden } from './support/page-visibility';

const room = useBrowserRoom();

const desktop = (colorScheme: 'light' | 'dark'): BrowserContextOptions => ({
  viewport: { width: 1100, height: 800 },
  colorScheme,
});

/** The theme as the page shows it: <html data-theme>, <meta name="color-scheme"> and the body's colour. */
function shownTheme(chat: ChatPage): Promise<{ theme?: string; meta?: string | null; background: string }> {
  return chat.page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    meta: document.querySelector('meta[name="color-scheme"]')?.getAttribute('content'),
    background: getComputedStyle(document.body).backgroundColor,
  }));
}

const LIGHT = { theme: 'light', meta: 'light', background: 'rgb(244, 245, 248)' };
const DARK = { theme: 'dark', meta: 'dark', background: 'rgb(15, 17, 21)' };

describe('settings', () => {
  it('follows the system theme until "Dark mode" is switched, and remembers the switch after a reload', async () => {
    const alice = await room.open('alice', desktop('light'));
    expect(await shownTheme(alice)).toEqual(LIGHT);
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => shownTheme(alice)).toEqual(DARK);
    await alice.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => shownTheme(alice)).toEqual(LIGHT);

    await alice.openSettings();
    const darkMode = alice.setting('Dark mode');
    expect(await darkMode.isChecked()).toBe(false);
    await darkMode.check();
    await expect.poll(() => shownTheme(alice)).toEqual(DARK);

    await alice.page.reload();
    await expect.poll(() => shownTheme(alice)).toEqual(DARK);
    await alice.openSettings();
    expect(await darkMode.isChecked()).toBe(true);

    // Switching back to what the system shows means following the system again.
    await darkMode.uncheck();
    await expect.poll(() => shownTheme(alice)).toEqual(LIGHT);
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => shownTheme(alice)).toEqual(DARK);
    expect(await darkMode.isChecked()).toBe(true);
  });

  it('closes with Escape, handing the focus back to the Settings button', async () => {
    const alice = await room.open('alice', desktop('dark'));
    expect(await shownTheme(alice)).toEqual(DARK);
    await alice.settingsButton.focus();
    await alice.page.keyboard.press('Enter');
    await alice.setting('Dark mode').waitFor();
    await alice.page.keyboard.press('Escape');
    await expect.poll(() => alice.setting('Dark mode').count()).toBe(0);
    expect(await alice.settingsButton.evaluate((button) => document.activeElement === button)).toBe(true);
  });

  it('remembers turning "Sound" off after a reload', async () => {
    const alice = await room.join('alice');
    await alice.openSettings();
    expect(await alice.setting('Sound').isChecked()).toBe(true);
    await alice.setting('Sound').uncheck();
    await alice.page.reload();
    await alice.tab('Lobby').waitFor();
    await alice.openSettings();
    expect(await alice.setting('Sound').isChecked()).toBe(false);
  });

  it('notifies of private messages only, once opted in, while the page is hidden; a click opens the tab', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    await fakeNotifications(bob, 'default');
    await bob.tab('Lobby').waitFor();
    await bob.openSettings();
    await bob.setting('Desktop notifications').check();
    await expect.poll(() => bob.setting('Desktop notifications').isChecked()).toBe(true);
    await bob.settingsButton.click();
    await setPageHidden(bob, true);

    await alice.send('a public line');
    await alice.send(`/w ${bob.name} a secret`);
    await expect
      .poll(() => notificationsShown(bob), eventually)
      .toEqual([{ title: `Private message from ${alice.name}`, body: 'Open ChatSpace to read it.' }]);

    await setPageHidden(bob, false);
    await clickLastNotification(bob);
    await expect.poll(() => bob.tab(must(alice.name)).getAttribute('aria-selected')).toBe('true');
  });

  it('explains that notifications are blocked when the browser denies them', async () => {
    const alice = await room.join('alice');
    await fakeNotifications(alice, 'denied');
    await alice.tab('Lobby').waitFor();
    await alice.openSettings();
    // click(), not check(): the box unticks itself once the browser has said no.
    await alice.setting('Desktop notifications').click();
    await expect.poll(() => alice.alerts.allTextContents(), eventually).toContainEqual(NOTIFICATIONS_BLOCKED);
    expect(await alice.setting('Desktop notifications').isChecked()).toBe(false);
  });
});
