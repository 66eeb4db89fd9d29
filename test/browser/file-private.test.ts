// Sharing a file in a private conversation: alice attaches a real PNG in her tab with bob, bob
// sees the offer, accepts it, watches it arrive, sees the picture and saves exactly the bytes
// alice sent. Declining tells the sender.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { formatBytes } from '../../client/ui/format/file-size';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import {
  decodedSize,
  downloadLink,
  fileButton,
  fileRow,
  imagePreview,
  progressSeen,
  watchProgressbars,
} from './support/file-cards';
import { privateLead } from './support/log-lines';
import { noisyPng, sha256Hex, tinyPng } from './support/png';

const room = useBrowserRoom();

/** alice opens her private tab with bob from the roster. */
async function openPrivateTab(alice: ChatPage, bob: ChatPage): Promise<void> {
  await alice.rosterButton(must(bob.name)).click();
  await expect.poll(() => alice.tab(must(bob.name)).getAttribute('aria-selected'), eventually).toBe('true');
}

describe('files in a private conversation', () => {
  it('delivers a PNG that bob accepts: a progress bar, a decoded preview, and a download with the same SHA-256', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'sunset.png';
    // 320 × 320 noisy pixels: more than one of the room's chunks, so the transfer is really chunked.
    const png = noisyPng(320, 320);
    expect(png.length).toBeGreaterThan(FILE_CHUNK_BYTES);

    await openPrivateTab(alice, bob);
    await watchProgressbars(alice);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: png });

    // alice's own card, in her tab with bob, once the upload went through.
    const sent = fileRow(alice, name);
    await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);
    const uploadBars = (await progressSeen(alice)).filter((bar) => bar.label === `Upload of ${name}`);
    expect(uploadBars.length, 'a progress bar for the upload').toBeGreaterThan(0);

    // bob: the offer arrives in a tab named after alice, with sender, name, size and type.
    await bob.tab(a).click();
    const offer = fileRow(bob, name);
    await offer.waitFor();
    const offerText = (await offer.textContent()) ?? '';
    expect(offerText).toMatch(privateLead(a, b));
    expect(offerText).toContain(`${a} wants to send you a file`);
    expect(offerText).toContain(formatBytes(png.length));
    expect(offerText).toContain('image/png');
    expect(await downloadLink(offer).count()).toBe(0);

    await watchProgressbars(bob);
    await fileButton(offer, 'Accept').click();

    // After the SHA-256 check: the Download link and the picture, decoded by Chromium.
    const link = downloadLink(offer);
    await link.waitFor();
    await expect.poll(() => offer.textContent(), eventually).toContain('SHA-256 verified');
    await expect
      .poll(() => decodedSize(imagePreview(offer, name)), eventually)
      .toEqual({
        width: 320,
        height: 320,
      });
    const bars = (await progressSeen(bob)).filter((bar) => bar.label === `Download of ${name}`);
    expect(bars.length, 'a progress bar for the download').toBeGreaterThan(0);
    expect(bars.at(-1)?.valueNow).toBe('100');
    expect(await fileButton(offer, 'Accept').count()).toBe(0);
    expect(await fileButton(offer, 'Decline').count()).toBe(0);

    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    expect(await link.getAttribute('download')).toBe(name);
    const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    const saved = await readFile(await download.path());
    expect(saved.length).toBe(png.length);
    expect(sha256Hex(saved)).toBe(sha256Hex(png));

    // alice hears that bob has it.
    await expect.poll(() => sent.textContent(), eventually).toContain(`${b} received it`);
    // That answer is now the card's status, in place of the offer, and said once.
    expect(await sent.locator('.file-status').textContent()).toBe(`${b} received it`);
    expect(await sent.textContent()).not.toContain('Offered to');
  });

  it('tells alice when bob declines her file, and bob keeps nothing of it', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'not-for-bob.png';

    await openPrivateTab(alice, bob);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: tinyPng() });
    const sent = fileRow(alice, name);
    await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);

    await bob.tab(a).click();
    const offer = fileRow(bob, name);
    await fileButton(offer, 'Decline').click();

    await expect.poll(() => offer.textContent(), eventually).toContain('You declined');
    expect(await fileButton(offer, 'Accept').count()).toBe(0);
    expect(await fileButton(offer, 'Decline').count()).toBe(0);
    expect(await downloadLink(offer).count()).toBe(0);
    expect(await offer.getByRole('img').count()).toBe(0);

    await expect.poll(() => sent.textContent(), eventually).toContain(`${b} declined`);
    expect(await sent.textContent()).not.toContain('received it');
  });

  it('lets alice withdraw her offer before bob answers: his Accept and Decline go away', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'changed-my-mind.png';

    await openPrivateTab(alice, bob);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: tinyPng() });
    const sent = fileRow(alice, name);
    await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);
    await bob.tab(a).click();
    const offer = fileRow(bob, name);
    await fileButton(offer, 'Accept').waitFor();

    await fileButton(sent, 'Cancel').click();

    await expect.poll(() => sent.textContent(), eventually).toContain('Cancelled');
    expect(await fileButton(sent, 'Cancel').count()).toBe(0);
    await expect.poll(() => fileButton(offer, 'Accept').count(), eventually).toBe(0);
    expect(await fileButton(offer, 'Decline').count()).toBe(0);
    expect(await offer.textContent()).toContain(`${a} cancelled`);
    expect(await downloadLink(offer).count()).toBe(0);
  });

  it('shows a file name with markup in it as plain text', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const name = '<img src=x onerror=alert(1)>.png';

    await openPrivateTab(alice, bob);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: tinyPng() });
    await bob.tab(must(alice.name)).click();
    const offer = fileRow(bob, name);
    await fileButton(offer, 'Accept').click();
    await downloadLink(offer).waitFor();

    // The only image is the preview (alt = the name); the markup made no element of its own.
    expect(await offer.locator('img').count()).toBe(1);
    expect(await imagePreview(offer, name).count()).toBe(1);
    expect(await bob.page.locator('img[src="x"]').count()).toBe(0);
    // An alert() would have been a dialog: useBrowserRoom fails the test on any dialog.
  });

  it('shows and saves a sanitised name: no bidi override, nothing that makes .exe look like .png', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const a = must(alice.name);
    // Displayed raw, U+202E would make "holiday\u202Egnp.exe" read "holidayexe.png".
    const raw = 'holiday\u202Egnp.exe.png';
    const clean = 'holidaygnp.exe.png';
    const png = tinyPng();

    await openPrivateTab(alice, bob);
    await alice.attachFile.setInputFiles({ name: raw, mimeType: 'image/png', buffer: png });

    await bob.tab(a).click();
    const offer = fileRow(bob, clean);
    await fileButton(offer, 'Accept').click();
    const link = downloadLink(offer);
    await link.waitFor();
    expect(await bob.page.locator('body').textContent()).not.toContain('\u202E');
    expect(await imagePreview(offer, clean).count()).toBe(1);
    const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(clean);
    expect(sha256Hex(await readFile(await download.path()))).toBe(sha256Hex(png));
  });
});
