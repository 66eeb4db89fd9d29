// Private messages: `/w name text` and a click on a name in the roster. They reach only the
// recipient (and the sender's own tab), in a tab named after the other person.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { countMatching, privateLine, publicLine } from './support/log-lines';
import { uniqueName } from './support/names';

const room = useBrowserRoom();

describe('private chat', () => {
  it('delivers `/w` and roster-click messages to the recipient only, in tabs named after the peer', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    const [a, b] = [must(alice.name), must(bob.name)];

    // 1. The /w command, typed in the Lobby.
    await alice.send(`/w ${b} psst, via slash-w`);
    const viaCommand = privateLine(a, b, 'psst, via slash-w');

    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(viaCommand));

    await bob.tab(a).click();
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(viaCommand));

    // 2. A click on bob's name in alice's roster opens (selects) the bob tab; Enter sends to bob.
    await alice.tab('Lobby').click();
    await alice.rosterButton(b).click();
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    await alice.send('psst, via the roster');
    const viaRoster = privateLine(a, b, 'psst, via the roster');
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(viaRoster));
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(viaRoster));
    expect(countMatching(await bob.lines(), viaCommand)).toBe(1);
    expect(countMatching(await bob.lines(), viaRoster)).toBe(1);

    // 3. Carol: once a later public message reaches her, the private ones certainly would have.
    await alice.tab('Lobby').click();
    await alice.send('public, after the whispers');
    await expect
      .poll(() => carol.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'public, after the whispers')));
    const carolSees = (await carol.lines()).join('\n');
    expect(carolSees).not.toContain('psst');
    expect(await carol.page.locator('body').textContent()).not.toContain('psst');
    await expect.poll(() => carol.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);
  });

  it('keeps several private conversations open at once and closes one with its close button', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const dave = await room.join('dave');
    const [a, b, d] = [must(alice.name), must(bob.name), must(dave.name)];

    await alice.send(`/w ${b} hi bob`);
    await alice.send(`/w ${d} hi dave`);
    await expect.poll(() => alice.tablist.getByRole('tab').count(), eventually).toBe(3);
    await expect.poll(() => alice.tab(d).getAttribute('aria-selected'), eventually).toBe('true');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, d, 'hi dave')));

    await alice.tab(b).click();
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'hi bob')));
    expect(await alice.lines()).not.toContainEqual(expect.stringMatching(privateLine(a, d, 'hi dave')));

    await alice.closeTabButton(b).click();
    await expect.poll(() => alice.tab(b).count(), eventually).toBe(0);
    await expect.poll(() => alice.tab('Lobby').getAttribute('aria-selected'), eventually).toBe('true');
    expect(await alice.tab(d).count()).toBe(1);
  });

  it('explains, in an alert, that a private message to someone who is not online did not go', async () => {
    const alice = await room.join('alice');
    const nobody = uniqueName('nobody');

    await alice.send(`/w ${nobody} are you there?`);

    await expect
      .poll(() => alice.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining(ERROR_MESSAGES.unknown_user));
  });
});
