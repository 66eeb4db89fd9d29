// The other allowed types end to end: each is offered with the type the room decided from its
// content, arrives byte for byte, and gets the right kind of preview: a picture for a GIF, a
// player for an MP3, and only the "Download" link for a PDF.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { decodedSize, downloadLink, fileButton, fileRow, imagePreview } from './support/file-cards';
import { sha256Hex } from './support/png';
import { silentMp3, tinyGif, tinyPdf } from './support/sample-files';

const room = useBrowserRoom();

/** alice offers `file` in the Lobby; bob accepts it; returns bob's card once verified, and the saved bytes. */
async function shareAndSave(
  alice: ChatPage,
  bob: ChatPage,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  await alice.attachFile.setInputFiles(file);
  await expect
    .poll(() => fileRow(alice, file.name).textContent(), eventually)
    .toContain('Offered to everyone');
  const offer = fileRow(bob, file.name);
  await expect.poll(() => offer.textContent(), eventually).toContain(file.mimeType);
  await fileButton(offer, 'Accept').click();
  const link = downloadLink(offer);
  await link.waitFor();
  const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
  const saved = await readFile(await download.path());
  expect(sha256Hex(saved)).toBe(sha256Hex(file.buffer));
  return offer;
}

describe('files of every allowed kind', () => {
  it('shares a PDF with a Download link and no preview', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const offer = await shareAndSave(alice, bob, {
      name: 'minutes.pdf',
      mimeType: 'application/pdf',
      buffer: tinyPdf(),
    });
    expect(await offer.locator('img, audio, video').count()).toBe(0);
  });

  it('shares a GIF with a decoded preview', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const offer = await shareAndSave(alice, bob, {
      name: 'pixel.gif',
      mimeType: 'image/gif',
      buffer: tinyGif(),
    });
    await expect
      .poll(() => decodedSize(imagePreview(offer, 'pixel.gif')), eventually)
      .toEqual({ width: 1, height: 1 });
  });

  it('shares an MP3 with an audio player that loads it', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const name = 'silence.mp3';
    const offer = await shareAndSave(alice, bob, { name, mimeType: 'audio/mpeg', buffer: silentMp3() });
    const player = offer.locator('audio');
    expect(await player.getAttribute('aria-label')).toBe(name);
    expect(await player.getAttribute('controls')).not.toBeNull();
    // Chromium read the stream's header: a real duration (about a second), no media error.
    await expect
      .poll(
        () =>
          player.evaluate((element) => {
            const audio = element as HTMLAudioElement;
            return audio.error ? `error ${audio.error.code}` : audio.duration;
          }),
        eventually,
      )
      .toBeGreaterThan(0.5);
  });
});
