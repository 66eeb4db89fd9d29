// The chat on a phone-sized screen: nothing overflows sideways, the composer stays in reach,
// and the roster folds behind a "Show users" toggle.

import { devices } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();
const PHONE = must(devices['Pixel 7']);

describe('on a phone', () => {
  it('chats without sideways scrolling and shows the roster behind "Show users"', async () => {
    const desk = await room.join('desk');
    const phone = await room.join('phone', PHONE);
    const width = PHONE.viewport.width;
    const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth);

    expect(await overflow()).toBeLessThanOrEqual(width);
    for (const control of [phone.composer, phone.sendButton, phone.tab('Lobby')]) {
      expect(await control.isVisible()).toBe(true);
      const box = await control.boundingBox();
      expect(box).not.toBeNull();
      expect(must(box).x).toBeGreaterThanOrEqual(0);
      expect(must(box).x + must(box).width).toBeLessThanOrEqual(width + 0.5);
      expect(must(box).y + must(box).height).toBeLessThanOrEqual(PHONE.viewport.height + 0.5);
    }

    await phone.composer.tap();
    await phone.send('sent from a phone');
    await expect
      .poll(() => desk.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(phone.name), 'sent from a phone')));

    const toggle = phone.page.getByRole('button', { name: 'Show users', exact: true });
    await toggle.tap();
    await phone.rosterButton(must(desk.name)).waitFor({ state: 'visible' });
    await phone.rosterButton(must(desk.name)).tap();
    await expect
      .poll(() => phone.tab(must(desk.name)).getAttribute('aria-selected'), eventually)
      .toBe('true');
    expect(await overflow()).toBeLessThanOrEqual(width);
  });

  it('shows every private tab, with its unread badge and close button, however long the names', async () => {
    const phone = await room.join('phone', PHONE);
    // 15 characters each, the longest a name may be.
    const senders = [
      await room.join('longnameaa'),
      await room.join('longnamebb'),
      await room.join('longnamecc'),
    ];
    for (const sender of senders) await sender.send(`/w ${must(phone.name)} hello from ${must(sender.name)}`);

    const width = PHONE.viewport.width;
    for (const sender of senders) {
      const tab = phone.tab(must(sender.name));
      await tab.waitFor();
      await expect.poll(() => phone.unreadText(must(sender.name)), eventually).toBe('1 unread');
      for (const control of [tab, phone.closeTabButton(must(sender.name))]) {
        const box = await control.boundingBox();
        expect(box, must(sender.name)).not.toBeNull();
        expect(must(box).x).toBeGreaterThanOrEqual(0);
        expect(must(box).x + must(box).width).toBeLessThanOrEqual(width + 0.5);
      }
      // Not hidden under another element (e.g. "Show users"): a tap there reaches the tab.
      const box = must(await tab.boundingBox());
      // The callback runs in the page: it may use nothing imported here.
      const hit = await phone.page.evaluate(
        ({ x, y }) =>
          document.elementFromPoint(x, y)?.closest('[role="tab"]')?.getAttribute('aria-label') ?? null,
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      expect(hit).toBe(must(sender.name));
    }
  });
});
