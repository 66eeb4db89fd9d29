// Sharing a file with everyone, and the file commands: a Lobby file reaches every other person,
// each of whom accepts and verifies it on their own; `/file` and `/filew name` open the picker
// for the Lobby and for one person.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MAX_PARALLEL_UPLOADS } from '#protocol/limits';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { decodedSize, downloadLink, fileButton, fileRow, imagePreview } from './support/file-cards';
import { publicLead, publicLine } from './support/log-lines';
import { throttle } from './support/network';
import { noisyPng, sha256Hex, tinyPng } from './support/png';

const room = useBrowserRoom();

/** Accepts `name` in `chat`'s active log and returns the saved bytes once the preview decoded. */
async function acceptAndSave(chat: ChatPage, name: string, width: number, height: number): Promise<Buffer> {
  const offer = fileRow(chat, name);
  await fileButton(offer, 'Accept').click();
  const link = downloadLink(offer);
  await link.waitFor();
  await expect.poll(() => decodedSize(imagePreview(offer, name)), eventually).toEqual({ width, height });
  const [download] = await Promise.all([chat.page.waitForEvent('download'), link.click()]);
  return readFile(await download.path());
}

describe('files for everyone', () => {
  it('offers a Lobby file to both other people, and each one receives the same bytes', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    const [a, b, c] = [must(alice.name), must(bob.name), must(carol.name)];
    const name = 'team.png';
    const png = tinyPng(6, 5);

    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: png });
    const sent = fileRow(alice, name);
    await expect.poll(() => sent.textContent(), eventually).toContain('Offered to everyone');

    for (const person of [bob, carol]) {
      const offer = fileRow(person, name);
      await offer.waitFor();
      const text = (await offer.textContent()) ?? '';
      expect(text).toMatch(publicLead(a));
      expect(text).toContain(`${a} shares a file with everyone`);
      expect(text).toContain('image/png');
    }
    // Nobody else got a private tab for it.
    expect(await bob.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);
    expect(await carol.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);

    const [bobSaved, carolSaved] = await Promise.all([
      acceptAndSave(bob, name, 6, 5),
      acceptAndSave(carol, name, 6, 5),
    ]);
    expect(sha256Hex(bobSaved)).toBe(sha256Hex(png));
    expect(sha256Hex(carolSaved)).toBe(sha256Hex(png));

    await expect.poll(() => sent.textContent(), eventually).toContain(`${b} received it`);
    await expect.poll(() => sent.textContent(), eventually).toContain(`${c} received it`);
  });

  it('shares more files picked at once than may upload in parallel: the rest wait, then all go, in order', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const count = MAX_PARALLEL_UPLOADS + 2;
    const files = Array.from({ length: count }, (_, i) => ({
      name: `batch-${i + 1}.png`,
      mimeType: 'image/png',
      buffer: noisyPng(300, 300),
    }));

    // Throttled, so the first uploads are still running while the last ones wait their turn.
    await throttle(alice, 750_000);
    await alice.attachFile.setInputFiles(files);

    const last = fileRow(alice, must(files.at(-1)).name);
    await expect
      .poll(() => last.textContent(), { timeout: 10_000, interval: 50 })
      .toContain('Waiting for your other uploads');
    for (const file of files) {
      await expect
        .poll(() => fileRow(alice, file.name).textContent(), eventually)
        .toContain('Offered to everyone');
    }
    // The cards sit in the order the files were picked; bob's arrive as each upload is stored.
    const names = files.map((file) => file.name);
    const batchRows = async (chat: ChatPage) =>
      (await chat.lines()).flatMap((line) => names.filter((name) => line.includes(name)));
    expect(await batchRows(alice)).toEqual(names);
    await expect.poll(async () => (await batchRows(bob)).sort(), eventually).toEqual([...names].sort());
    expect(await fileButton(bob.log, 'Accept').count()).toBe(count);
    expect(await alice.alerts.count()).toBe(0);
  });

  it('opens the file picker with /file and shares the chosen file with the Lobby', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const name = 'picked-for-all.png';

    await alice.composer.fill('/file');
    const [chooser] = await Promise.all([
      alice.page.waitForEvent('filechooser'),
      alice.composer.press('Enter'),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles({ name, mimeType: 'image/png', buffer: tinyPng() });

    await expect.poll(() => alice.composer.inputValue()).toBe('');
    await expect.poll(() => fileRow(alice, name).textContent(), eventually).toContain('Offered to everyone');
    const offer = fileRow(bob, name);
    await expect.poll(() => offer.textContent(), eventually).toMatch(publicLead(must(alice.name)));
    expect(await fileButton(offer, 'Accept').count()).toBe(1);
  });

  it('opens the file picker with /filew name and offers the file to that person only', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'just-for-bob.png';

    await alice.composer.fill(`/filew ${b}`);
    const [chooser] = await Promise.all([
      alice.page.waitForEvent('filechooser'),
      alice.composer.press('Enter'),
    ]);
    await chooser.setFiles({ name, mimeType: 'image/png', buffer: tinyPng() });

    // alice's card lands in her tab with bob, which opens.
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    await expect.poll(() => fileRow(alice, name).textContent(), eventually).toContain(`Offered to ${b}`);

    await bob.tab(a).click();
    await expect
      .poll(() => fileRow(bob, name).textContent(), eventually)
      .toContain(`${a} wants to send you a file`);

    // Once a later Lobby message reaches carol, the offer would have too: she has none.
    await alice.tab('Lobby').click();
    await alice.send('after the private file');
    await expect
      .poll(() => carol.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'after the private file')));
    expect(await carol.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);
    expect(await carol.page.locator('body').textContent()).not.toContain(name);
  });
});
