// Getting the attention of someone who is not looking: the chime (heard through the page's real
// WebAudio calls) for messages and files while the page is hidden, silent once "Sound" is off, and
// desktop notifications for a private file that name the sender but never the file.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { fileButton, fileRow } from './support/file-cards';
import { publicLine } from './support/log-lines';
import { uniqueName } from './support/names';
import {
  chimeNotes,
  clickLastNotification,
  fakeNotifications,
  notificationsShown,
  recordChimes,
} from './support/page-alerts';
import { setPageHidden } from './support/page-visibility';
import { tinyPng } from './support/png';

const room = useBrowserRoom();

/** Sets a switch in the Settings panel and closes the panel again. */
async function setSetting(
  chat: ChatPage,
  name: 'Sound' | 'Desktop notifications',
  on: boolean,
): Promise<void> {
  await chat.openSettings();
  await chat.setting(name).setChecked(on);
  await chat.settingsButton.click();
}

describe('alerts for someone who is not looking', () => {
  it('chime for a Lobby message while the page is hidden, and stay silent once "Sound" is off', async () => {
    const alice = await room.join('alice');
    const bob = await room.open('bob');
    await recordChimes(bob);
    // Joining is bob's first press on the page: browsers start audio only after one.
    await bob.join(uniqueName('bob'));

    await setSetting(bob, 'Sound', false);
    await setPageHidden(bob, true);
    await alice.send('a quiet line');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), 'a quiet line')));
    expect(await chimeNotes(bob)).toBe(0);

    await setPageHidden(bob, false);
    await setSetting(bob, 'Sound', true);
    await setPageHidden(bob, true);
    await alice.send('a line that rings');
    // One chime is two notes.
    await expect.poll(() => chimeNotes(bob), eventually).toBe(2);
  });

  it('chime for a Lobby file, and notify of a private one by its sender only; a click shows the offer', async () => {
    const alice = await room.join('alice');
    const bob = await room.open('bob');
    await recordChimes(bob);
    await fakeNotifications(bob, 'default');
    await bob.join(uniqueName('bob'));
    await setSetting(bob, 'Desktop notifications', true);
    await setPageHidden(bob, true);
    const [a, b] = [must(alice.name), must(bob.name)];

    await alice.attachFile.setInputFiles({
      name: 'for-everyone.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await expect
      .poll(() => fileRow(bob, 'for-everyone.png').textContent(), eventually)
      .toContain(`${a} shares a file with everyone`);
    expect(await chimeNotes(bob)).toBe(2);
    expect(await notificationsShown(bob)).toEqual([]);

    await alice.rosterButton(b).click();
    await alice.attachFile.setInputFiles({
      name: 'secret-plans.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await expect
      .poll(() => notificationsShown(bob), eventually)
      .toEqual([{ title: `${a} sent you a file`, body: 'Open ChatSpace to accept or decline it.' }]);

    await setPageHidden(bob, false);
    await clickLastNotification(bob);
    await expect.poll(() => bob.tab(a).getAttribute('aria-selected'), eventually).toBe('true');
    await fileButton(fileRow(bob, 'secret-plans.png'), 'Accept').waitFor();
  });
});
