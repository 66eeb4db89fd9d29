// Slash commands that cannot be carried out are explained before anything happens: an unknown
// command is not sent as a message (and `//` sends a leading slash), and `/filew` naming someone
// who is not online says so before a file picker opens. The text stays, to be corrected.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/protocol/errors';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();

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
      .toContainEqual(expect.stringMatching(publicLine(alice.name!, '/foo bar')));
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
