// Files that must not go: a renamed executable or text file posing as a picture, and an empty
// file. Each is refused with an alert naming the file and saying why, and nothing reaches bob.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { fileRow, type PickedFile } from './support/file-cards';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();

/** The start of a 64-bit little-endian ELF executable, padded with code-like bytes. */
function elfLike(): Buffer {
  const header = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.alloc(2048);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return Buffer.concat([header, body]);
}

// The page refuses these itself, before uploading; the room refuses them too (with its own
// reason for a type it does not allow), so either reason is a clear answer.
const WRONG_TYPE = [ERROR_MESSAGES.file_type_mismatch, ERROR_MESSAGES.file_type_refused];

const CASES: readonly { what: string; file: PickedFile; why: readonly string[] }[] = [
  {
    what: 'an ELF executable renamed photo.png',
    file: { name: 'photo.png', mimeType: 'image/png', buffer: elfLike() },
    why: WRONG_TYPE,
  },
  {
    what: 'a text file renamed holiday.jpg',
    file: {
      name: 'holiday.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Dear bob,\nthis is only text.\n'.repeat(20)),
    },
    why: WRONG_TYPE,
  },
  {
    what: 'an empty file',
    file: { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    why: [ERROR_MESSAGES.file_empty],
  },
];

describe('refused files', () => {
  it.each(CASES)('refuses $what with an alert, and offers nothing to bob', async ({ file, why }) => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];

    await alice.rosterButton(b).click();
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    await alice.attachFile.setInputFiles(file);

    const alertAbout = async () =>
      (await alice.alerts.allTextContents()).find((text) => text.includes(file.name)) ?? '';
    const reasonGiven = async () => {
      const text = await alertAbout();
      return why.find((reason) => text.includes(reason)) ?? null;
    };
    await expect.poll(reasonGiven, eventually).not.toBeNull();
    expect(await alertAbout()).toContain('was not sent');
    // No card, or one that says it was not sent.
    const card = fileRow(alice, file.name);
    if ((await card.count()) > 0) {
      await expect.poll(() => card.textContent(), eventually).toContain('Not sent');
      expect(await card.textContent()).not.toContain('Offered');
    }

    // Once a later Lobby message reaches bob, an offer would have too: there is none.
    await alice.tab('Lobby').click();
    await alice.send('after the refused file');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'after the refused file')));
    expect(await bob.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);
    expect(await bob.page.locator('body').textContent()).not.toContain(file.name);
    expect(await bob.page.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
  });
});
