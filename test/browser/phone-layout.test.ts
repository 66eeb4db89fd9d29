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
});
