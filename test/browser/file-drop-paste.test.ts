// The other two ways to send a file: dropping it on the conversation (it goes to that
// conversation: the peer in a private tab) and pasting an image into the composer.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { dataTransferOf, fileButton, fileRow } from './support/file-cards';
import { publicLine } from './support/log-lines';
import { tinyPng } from './support/png';

const room = useBrowserRoom();

describe('dropping and pasting files', () => {
  it('offers a file dropped on a private conversation to that peer only', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'dropped.png';

    await alice.rosterButton(b).click();
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    const dataTransfer = await dataTransferOf(alice, [{ name, mimeType: 'image/png', buffer: tinyPng() }]);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      await alice.log.dispatchEvent(type, { dataTransfer });
    }

    await expect.poll(() => fileRow(alice, name).textContent(), eventually).toContain(`Offered to ${b}`);
    await bob.tab(a).click();
    await expect
      .poll(() => fileRow(bob, name).textContent(), eventually)
      .toContain(`${a} wants to send you a file`);
    expect(await fileButton(fileRow(bob, name), 'Accept').count()).toBe(1);

    // Once a later Lobby message reaches carol, the offer would have too: she has none.
    await alice.tab('Lobby').click();
    await alice.send('after the dropped file');
    await expect
      .poll(() => carol.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'after the dropped file')));
    expect(await carol.page.locator('body').textContent()).not.toContain(name);
  });

  it('shares an image pasted into the Lobby composer with everyone', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const name = 'pasted.png';

    const clipboardData = await dataTransferOf(alice, [{ name, mimeType: 'image/png', buffer: tinyPng() }]);
    await alice.composer.evaluate((composer, data) => {
      composer.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, clipboardData);

    await expect.poll(() => fileRow(alice, name).textContent(), eventually).toContain('Offered to everyone');
    await expect
      .poll(() => fileRow(bob, name).textContent(), eventually)
      .toContain(`${must(alice.name)} shares a file with everyone`);
    expect(await alice.composer.inputValue()).toBe('');
  });
});
