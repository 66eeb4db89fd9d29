// The composer's "Emoji" button: a lazily loaded emoji-picker-element, with its data from our own
// assets. It inserts at the cursor, works from the keyboard, keeps skin tone and recently used
// emoji across reloads, and what it inserts reaches the other person intact.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import type { ChatPage } from './support/chat-page';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();

/** The composer's caret and whether it has focus. */
function composerCaret(chat: ChatPage): Promise<{ focused: boolean; caret: number }> {
  return chat.composer.evaluate((box) => ({
    focused: document.activeElement === box,
    caret: (box as HTMLTextAreaElement).selectionStart,
  }));
}

describe('the emoji picker', () => {
  it('inserts the picked emoji at the cursor, and the message arrives intact', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const jsRequests: string[] = [];
    alice.page.on('request', (request) => {
      if (request.resourceType() === 'script' || request.url().endsWith('.json'))
        jsRequests.push(request.url());
    });

    await alice.composer.fill('hello world');
    await alice.composer.press('Home');
    for (let i = 0; i < 'hello'.length; i++) await alice.composer.press('ArrowRight');
    expect(jsRequests, 'nothing emoji-related loads before the picker opens').toEqual([]);

    await alice.emojiButton.click();
    await alice.emojiPicker
      .getByRole('menuitem', { name: '😄, grinning face with smiling eyes, smile' })
      .click();

    await expect.poll(() => alice.emojiPicker.count()).toBe(0);
    expect(await alice.composer.inputValue()).toBe('hello😄 world');
    expect(await composerCaret(alice)).toEqual({ focused: true, caret: 'hello😄'.length });
    // The picker and its data came from this origin, and only once it was opened.
    expect(jsRequests.length).toBeGreaterThan(0);
    for (const url of jsRequests) expect(new URL(url).origin).toBe(new URL(alice.page.url()).origin);

    await alice.page.keyboard.type('!');
    await alice.page.keyboard.press('Enter');
    const line = publicLine(must(alice.name), 'hello😄! world');
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(line));
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(line));
  });

  it('works from the keyboard: Enter opens it on its search box, arrows and Enter pick, Escape closes it', async () => {
    const alice = await room.join('alice');
    await alice.emojiButton.focus();
    await alice.page.keyboard.press('Enter');
    const search = alice.emojiPicker.getByRole('combobox', { name: 'Search' });
    const searchFocused = () =>
      expect
        .poll(
          () =>
            search.evaluate(
              (box) =>
                box.getRootNode() instanceof ShadowRoot &&
                box === (box.getRootNode() as ShadowRoot).activeElement,
            ),
          eventually,
        )
        .toBe(true);
    await searchFocused();

    await alice.page.keyboard.type('party popper');
    const popper = alice.emojiPicker.getByRole('option', { name: '🎉, party popper, tada' });
    await popper.waitFor();
    // The picker resets its active result whenever the results re-render (it searches as you
    // type), so press Down until the result is active, as a person would, then Enter.
    await expect
      .poll(async () => {
        if ((await popper.getAttribute('aria-selected')) !== 'true')
          await alice.page.keyboard.press('ArrowDown');
        return popper.getAttribute('aria-selected');
      }, eventually)
      .toBe('true');
    await alice.page.keyboard.press('Enter');
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('🎉');
    expect((await composerCaret(alice)).focused).toBe(true);

    await alice.emojiButton.click();
    await alice.emojiPicker.waitFor();
    // Escape acts where the focus is: once the picker has put it on its search box.
    await searchFocused();
    await alice.page.keyboard.press('Escape');
    await expect.poll(() => alice.emojiPicker.count()).toBe(0);
    expect(await alice.emojiButton.evaluate((button) => document.activeElement === button)).toBe(true);
    expect(await alice.composer.inputValue()).toBe('🎉');

    // The same picker comes back on the next open, working.
    await alice.page.keyboard.press('Enter');
    await search.fill('fire');
    await alice.emojiPicker.getByRole('option', { name: '🔥, fire', exact: true }).click();
    await expect.poll(() => alice.composer.inputValue()).toBe('🎉🔥');
  });

  it('keeps the chosen skin tone and the recently used emoji after a reload', async () => {
    const alice = await room.join('alice');
    await alice.emojiButton.click();
    const picker = alice.emojiPicker;
    await picker.getByRole('button', { name: 'Choose a skin tone (currently Default)' }).click();
    await picker.getByRole('option', { name: 'Medium', exact: true }).click();
    await picker.getByRole('combobox', { name: 'Search' }).fill('thumbs up');
    await picker.getByRole('option', { name: '👍🏽, thumbs up, +1, thumbsup' }).click();
    await expect.poll(() => alice.composer.inputValue()).toBe('👍🏽');

    await alice.page.reload();
    await alice.tab('Lobby').waitFor();
    await alice.emojiButton.click();
    await picker.getByRole('button', { name: 'Choose a skin tone (currently Medium)' }).waitFor();
    const recent = picker.getByRole('menu', { name: 'Favorites' }).getByRole('menuitem').first();
    await expect
      .poll(() => recent.getAttribute('aria-label'), eventually)
      .toBe('👍🏽, thumbs up, +1, thumbsup');
    // The categories the issue asks for are there.
    for (const category of ['Smileys and emoticons', 'Animals and nature', 'Food and drink', 'Symbols']) {
      expect(await picker.getByRole('tab', { name: category }).count(), category).toBe(1);
    }
  });
});
