// GitHub-style shortcodes in the composer: a complete `:fire:` becomes 🔥 as it is typed, and
// `:` plus two letters opens a list of matching emoji that works from the keyboard and the mouse.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import type { ChatPage } from './support/chat-page';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();

/** The text of the option the composer's aria-activedescendant points at. */
function activeOption(chat: ChatPage): Promise<string | null> {
  return chat.composer.evaluate((box) => {
    const id = box.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}

describe('emoji shortcodes', () => {
  it('turns :fire:, :smile:, :heart:, :thumbsup: and :tada: into their emoji as they are typed', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    await alice.composer.pressSequentially(':fire: and :smile: :heart: :thumbsup: :tada:');
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('🔥 and 😄 ❤️ 👍️ 🎉');

    await alice.composer.press('Enter');
    const line = publicLine(must(alice.name), '🔥 and 😄 ❤️ 👍️ 🎉');
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(line));
  });

  it('leaves times, links and unknown shortcodes alone', async () => {
    const alice = await room.join('alice');
    await alice.composer.pressSequentially('at 12:30:fire: see http://x:fire: and :nosuchcode: :fire:');
    await expect
      .poll(() => alice.composer.inputValue(), eventually)
      .toBe('at 12:30:fire: see http://x:fire: and :nosuchcode: 🔥');
  });

  it('suggests emoji after a colon and two letters; arrows choose, Enter inserts, Escape closes', async () => {
    const alice = await room.join('alice');
    await alice.composer.pressSequentially('so :f');
    expect(await alice.shortcodeList.count()).toBe(0);

    await alice.composer.pressSequentially('ir');
    await alice.shortcodeList.waitFor();
    const options = await alice.shortcodeList.getByRole('option').allTextContents();
    expect(options[0]).toBe('🔥 :fire:');
    expect(options.every((text) => text.includes(':fir') || text.includes('_fir'))).toBe(true);
    expect(await alice.composer.getAttribute('aria-controls')).toBe(
      await alice.shortcodeList.getAttribute('id'),
    );
    expect(await activeOption(alice)).toBe('🔥 :fire:');

    await alice.composer.press('ArrowDown');
    expect(await activeOption(alice)).toBe(options[1]);
    await alice.composer.press('ArrowUp');
    expect(await activeOption(alice)).toBe('🔥 :fire:');
    await alice.composer.press('Enter');
    await expect.poll(() => alice.composer.inputValue()).toBe('so 🔥');
    expect(await alice.shortcodeList.count()).toBe(0);
    // Enter inserted the emoji; it did not send the message.
    expect(await alice.lines()).not.toContainEqual(expect.stringContaining('so 🔥'));

    await alice.composer.pressSequentially(' :ta');
    await alice.shortcodeList.waitFor();
    await alice.composer.press('Escape');
    await expect.poll(() => alice.shortcodeList.count()).toBe(0);
    expect(await alice.composer.getAttribute('aria-activedescendant')).toBeNull();
    // Typing on opens the list again, and Tab takes the active suggestion too.
    await alice.composer.pressSequentially('da');
    await alice.shortcodeList.waitFor();
    expect(await activeOption(alice)).toBe('🎉 :tada:');
    await alice.composer.press('Tab');
    await expect.poll(() => alice.composer.inputValue()).toBe('so 🔥 🎉');
    expect(await alice.composer.evaluate((box) => document.activeElement === box)).toBe(true);
  });

  it('inserts a suggestion that is clicked, keeping the focus in the message box', async () => {
    const alice = await room.join('alice');
    await alice.composer.pressSequentially('nice :hear');
    await alice.shortcodeList.getByRole('option', { name: '❤️ :heart:' }).click();
    await expect.poll(() => alice.composer.inputValue()).toBe('nice ❤️');
    expect(await alice.composer.evaluate((box) => document.activeElement === box)).toBe(true);
    await alice.composer.press('Enter');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), 'nice ❤️')));
  });
});
