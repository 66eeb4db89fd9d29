// Two people chatting in the Lobby through real Chromium pages.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { countMatching, publicLine } from './support/log-lines';

const room = useBrowserRoom();

describe('public chat', () => {
  it('delivers a Lobby message to the other person and shows the sender their own line', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const text = 'Hello from the lobby, bob!';

    await alice.send(text);

    const line = publicLine(must(alice.name), text);
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(line));
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(line));
    expect(countMatching(await bob.lines(), line)).toBe(1);
    expect(countMatching(await alice.lines(), line)).toBe(1);
    await expect.poll(() => alice.composer.inputValue()).toBe('');
  });

  it('sends with the Send button too, and Shift+Enter makes a new line instead of sending', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');

    await alice.composer.fill('first line');
    await alice.composer.press('Shift+Enter');
    await alice.composer.pressSequentially('second line');
    expect(await alice.composer.inputValue()).toBe('first line\nsecond line');
    await alice.sendButton.click();

    const line = publicLine(must(alice.name), 'first line\nsecond line');
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(line));
  });
});
