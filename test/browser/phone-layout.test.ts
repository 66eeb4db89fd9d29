// The chat on a phone-sized screen: nothing overflows sideways, the composer stays in reach,
// and the roster folds behind a "Show users" toggle.

import { devices } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();
const PHONE = devices['Pixel 7']!;

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
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.viewport.height + 0.5);
    }

    await phone.composer.tap();
    await phone.send('sent from a phone');
    await expect
      .poll(() => desk.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(phone.name!, 'sent from a phone')));

    const toggle = phone.page.getByRole('button', { name: 'Show users', exact: true });
    await toggle.tap();
    await phone.rosterButton(desk.name!).waitFor({ state: 'visible' });
    await phone.rosterButton(desk.name!).tap();
    await expect.poll(() => phone.tab(desk.name!).getAttribute('aria-selected'), eventually).toBe('true');
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
    for (const sender of senders) await sender.send(`/w ${phone.name!} hello from ${sender.name!}`);

    const width = PHONE.viewport.width;
    for (const sender of senders) {
      const tab = phone.tab(sender.name!);
      await tab.waitFor();
      await expect.poll(() => phone.unreadText(sender.name!), eventually).toBe('1 unread');
      for (const control of [tab, phone.closeTabButton(sender.name!)]) {
        const box = await control.boundingBox();
        expect(box, sender.name!).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
      }
      // Not hidden under another element (e.g. "Show users"): a tap there reaches the tab.
      const box = (await tab.boundingBox())!;
      const hit = await phone.page.evaluate(
        ([x, y]) =>
          document.elementFromPoint(x!, y!)?.closest('[role="tab"]')?.getAttribute('aria-label') ?? null,
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(hit).toBe(sender.name!);
    }
  });
});
