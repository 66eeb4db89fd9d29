// Private files sealed end to end in the browser (issue 12): a PNG sent in a sealed conversation says
// so on both cards, previews and saves with the sender's SHA-256; a disguised executable from a
// modified sender's page goes through the room (which cannot look) and is refused by the
// recipient's page with the room's own message. And the confirm step: a verified conversation whose
// peer's identity changed asks before it sends.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { decodedSize, downloadLink, fileButton, fileRow, imagePreview } from './support/file-cards';
import { privateLine } from './support/log-lines';
import { noisyPng, sha256Hex } from './support/png';

const room = useBrowserRoom();

const SEALED = 'Sealed end to end';

/** Opens the private tab with `peer` (from the roster) and waits until it is sealed end to end. */
async function openSealed(page: ChatPage, peer: string): Promise<void> {
  await page.rosterButton(peer).click();
  await expect.poll(() => page.tab(peer).getAttribute('aria-selected'), eventually).toBe('true');
  await page.page.getByText('End-to-end encrypted').waitFor({ timeout: eventually.timeout });
}

/** The start of an ELF executable, then code-like bytes. */
function elfLike(): Buffer {
  const header = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.alloc(4096);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return Buffer.concat([header, body]);
}

describe('private files sealed end to end', () => {
  it('delivers a private PNG that says it is sealed on both sides, previews it and saves it with the same SHA-256', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'sealed-sunset.png';
    const png = noisyPng(320, 320);
    expect(png.length).toBeGreaterThan(FILE_CHUNK_BYTES);

    await openSealed(alice, b);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: png });
    const sent = fileRow(alice, name);
    await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);
    expect(await sent.textContent()).toContain(SEALED);

    await bob.tab(a).click();
    const offer = fileRow(bob, name);
    await offer.waitFor();
    expect(await offer.textContent()).toContain(SEALED);
    expect(await offer.textContent()).toContain('image/png');
    await fileButton(offer, 'Accept').click();
    await expect.poll(() => offer.textContent(), eventually).toContain('SHA-256 verified');
    await expect
      .poll(() => decodedSize(imagePreview(offer, name)), eventually)
      .toEqual({ width: 320, height: 320 });
    const link = downloadLink(offer);
    const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(sha256Hex(await readFile(await download.path()))).toBe(sha256Hex(png));
    await expect.poll(() => sent.textContent(), eventually).toContain(`${b} received it`);
  });

  it('lets a disguised executable through the room, and the recipient’s page refuses it with the room’s message', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'cute-cat.png';
    // A hostile sender's page: its own first-bytes check is told the file starts like a PNG.
    await alice.page.evaluate(() => {
      const slice = Blob.prototype.slice;
      Blob.prototype.slice = function (this: Blob, start?: number, end?: number, type?: string) {
        if (start === 0 && end === 16)
          return new Blob([
            new Uint8Array([
              0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
            ]),
          ]);
        return slice.call(this, start, end, type);
      };
    });

    await openSealed(alice, b);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: elfLike() });
    const sent = fileRow(alice, name);
    // The room staged it: it cannot see the type of a sealed file, so it did not refuse it.
    await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);
    expect(await alice.alerts.allTextContents()).not.toContainEqual(expect.stringContaining(name));

    await bob.tab(a).click();
    const offer = fileRow(bob, name);
    await offer.waitFor();
    await fileButton(offer, 'Accept').click();
    await expect.poll(() => offer.textContent(), eventually).toContain(ERROR_MESSAGES.file_type_refused);
    expect(await downloadLink(offer).count()).toBe(0);
    expect(await offer.getByRole('img').count()).toBe(0);
    expect(await offer.textContent()).not.toContain('SHA-256 verified');
  });

  it('asks before sending in a verified conversation whose peer’s identity changed, and sends only once confirmed', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    await openSealed(alice, b);
    await alice.page.getByRole('button', { name: 'Verify safety number', exact: true }).click();
    await alice.page.getByRole('button', { name: 'Mark as verified', exact: true }).click();
    await alice.page.getByText(`You marked ${b} as verified.`).waitFor({ timeout: eventually.timeout });
    await alice.page.getByRole('button', { name: 'Close', exact: true }).click();

    // bob's keys are lost (as if the room, or a wiped profile, gave his name a new identity): the
    // reloaded page keeps its session but makes and publishes a new identity key.
    await bob.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const opening = indexedDB.open('chatspace-e2e');
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const db = opening.result;
            const tx = db.transaction([...db.objectStoreNames], 'readwrite');
            for (const name of db.objectStoreNames) tx.objectStore(name).clear();
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await bob.page.reload();
    await expect
      .poll(() => alice.lines(), { ...eventually, timeout: 30_000 })
      .toContainEqual(expect.stringContaining(`${b}'s identity changed`));

    await alice.send('are you still you?');
    const ask = alice.page.getByRole('alertdialog');
    await ask.waitFor({ timeout: eventually.timeout });
    expect(await ask.textContent()).toContain(`${b}'s identity changed since you verified it`);
    expect(await alice.lines()).not.toContainEqual(
      expect.stringMatching(privateLine(a, b, 'are you still you?')),
    );

    await ask.getByRole('button', { name: 'Send to the new identity', exact: true }).click();
    await alice.composer.press('Enter');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'are you still you?')));
    await bob.tab(a).click();
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'are you still you?')));
  });
});
