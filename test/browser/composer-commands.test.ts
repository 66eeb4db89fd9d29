// The composer keeps unsent text per conversation (tab switches, reloads). Slash commands that
// cannot be carried out are explained before anything happens: an unknown command is not sent as
// a message (and `//` sends a leading slash), and `/filew` naming someone who is not online says
// so before a file picker opens. The text stays, to be corrected.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { privateLine, publicLine } from './support/log-lines';

const room = useBrowserRoom();

describe('the composer', () => {
  it('keeps unsent text per conversation when switching tabs and after a reload, until it is sent', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const b = must(bob.name);

    await alice.composer.fill('half a thought for everyone');
    await alice.rosterButton(b).click();
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    expect(await alice.composer.inputValue()).toBe('');
    await alice.composer.fill('just for bob');
    await alice.tab('Lobby').click();
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('half a thought for everyone');

    await alice.page.reload();
    await alice.tab('Lobby').waitFor();
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('half a thought for everyone');
    // No message went to bob yet, so his tab is not restored; opening it again finds the draft.
    await alice.rosterButton(b).click();
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('just for bob');

    await alice.composer.press('Enter');
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(must(alice.name), b, 'just for bob')));
    await alice.page.reload();
    await alice.tab(b).click();
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('');
  });
});

describe('composer commands', () => {
  it('refuses an unknown command in an alert and keeps the text; // sends a leading slash', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');

    await alice.send('/foo bar');
    await expect
      .poll(() => alice.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining('There is no command /foo.'));
    expect(await alice.composer.inputValue()).toBe('/foo bar');

    await alice.send('//foo bar');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), '/foo bar')));
    expect((await bob.lines()).some((line) => line.includes('//foo'))).toBe(false);
  });

  it('says /filew names someone who is not online before any file picker opens', async () => {
    const alice = await room.join('alice');
    let pickers = 0;
    alice.page.on('filechooser', () => {
      pickers++;
    });

    await alice.send('/filew nobody_here');
    await expect
      .poll(() => alice.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining(ERROR_MESSAGES.unknown_user));
    expect(pickers).toBe(0);
    expect(await alice.composer.inputValue()).toBe('/filew nobody_here');
  });
});
