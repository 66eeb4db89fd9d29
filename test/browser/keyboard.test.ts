// Everything from the keyboard, with a visible focus ring in both themes: the conversation tabs
// (arrow keys, Home and End, as the ARIA tabs pattern has it), the roster and the composer.

import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import type { ChatPage } from './support/chat-page';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';
import { uniqueName } from './support/names';

const room = useBrowserRoom();

const desktop = (colorScheme: 'light' | 'dark'): BrowserContextOptions => ({
  viewport: { width: 1100, height: 800 },
  colorScheme,
});

/** The focused element (its role and name) and the outline it shows. */
function focused(chat: ChatPage) {
  return chat.page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return {
      role: element.getAttribute('role') ?? element.tagName.toLowerCase(),
      name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '',
      focusVisible: element.matches(':focus-visible'),
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    };
  });
}

/** Presses `key` until the focused element passes `test` (at most `limit` presses). */
async function pressUntil(
  chat: ChatPage,
  key: string,
  test: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 20,
) {
  for (let i = 0; i < limit; i++) {
    await chat.page.keyboard.press(key);
    const now = await focused(chat);
    if (test(now)) return now;
  }
  throw new Error(`pressing ${key} ${limit} times never reached the element`);
}

const LIGHT_RING = 'solid 3px rgb(180, 83, 9)';
const DARK_RING = 'solid 3px rgb(251, 191, 36)';

describe('from the first key', () => {
  it('starts in the Username box and, once joined, in the Message box: a name and a message typed with Enter go out', async () => {
    const alice = await room.open('alice');
    const name = uniqueName('alice');
    await alice.usernameField.waitFor();
    await alice.page.keyboard.type(name);
    await alice.page.keyboard.press('Enter');
    await alice.tab('Lobby').waitFor();
    await expect
      .poll(() => alice.composer.evaluate((box) => document.activeElement === box), eventually)
      .toBe(true);
    await alice.page.keyboard.type('hello from the keyboard');
    await alice.page.keyboard.press('Enter');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(name, 'hello from the keyboard')));
  });
});

describe('the keyboard', () => {
  it('moves between tabs with the arrow keys, Home and End, and opens a chat from the roster', async () => {
    const alice = await room.join('alice', desktop('light'));
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    const [b, c] = [must(bob.name), must(carol.name)];
    await alice.send(`/w ${b} hi`);
    await alice.send(`/w ${c} hi`);
    await expect.poll(() => alice.tab(c).getAttribute('aria-selected'), eventually).toBe('true');

    // From the composer back to the selected tab: only it is in the Tab order.
    const tab = await pressUntil(alice, 'Shift+Tab', (f) => f.role === 'tab');
    expect(tab).toEqual({ role: 'tab', name: c, focusVisible: true, outline: LIGHT_RING });

    await alice.page.keyboard.press('ArrowLeft');
    expect((await focused(alice)).name).toBe(b);
    expect(await alice.tab(b).getAttribute('aria-selected')).toBe('true');
    await alice.page.keyboard.press('Home');
    expect((await focused(alice)).name).toBe('Lobby');
    await alice.page.keyboard.press('End');
    expect((await focused(alice)).name).toBe(c);
    await alice.page.keyboard.press('ArrowRight');
    expect((await focused(alice)).name).toBe('Lobby');
    expect(await alice.tab('Lobby').getAttribute('aria-selected')).toBe('true');

    // On to the roster, where Enter opens the conversation and puts the cursor in the composer.
    const rosterButton = await pressUntil(alice, 'Tab', (f) => f.role === 'button' && f.name === b);
    expect(rosterButton.outline).toBe(LIGHT_RING);
    await alice.page.keyboard.press('Enter');
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => focused(alice)).toMatchObject({ role: 'textarea' });
  });

  it('shows the focus ring in the dark theme too, on the composer buttons and the settings', async () => {
    const alice = await room.join('alice', desktop('dark'));
    await alice.composer.focus();
    const emoji = await pressUntil(alice, 'Shift+Tab', (f) => f.name === 'Emoji');
    expect(emoji).toMatchObject({ focusVisible: true, outline: DARK_RING });

    await alice.settingsButton.focus();
    await alice.page.keyboard.press('Enter');
    const toggle = await pressUntil(alice, 'Tab', (f) => f.role === 'input');
    expect(toggle.outline).toBe(DARK_RING);
    await alice.page.keyboard.press('Space');
    await expect.poll(() => alice.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect((await focused(alice)).outline).toBe(LIGHT_RING);
  });
});
