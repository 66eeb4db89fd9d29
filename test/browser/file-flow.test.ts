// Chat keeps flowing during a transfer: a message to or from someone whose upload or download
// is running arrives while it is still running, not after it. Their network is throttled, so
// the transfer lasts several seconds (a few MB at 750 KB/s).

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { fileButton, fileRow, progressReaches, progressValue } from './support/file-cards';
import { publicLine } from './support/log-lines';
import { throttle } from './support/network';
import { noisyPng } from './support/png';

const room = useBrowserRoom();

const THROTTLE_BYTES_PER_SECOND = 750_000;
/** About 6.7 MB: some 9 s at the throttled rate. */
const bigPng = () => noisyPng(1500, 1300);
const TEST_TIMEOUT_MS = 90_000;

describe('chat during a transfer', () => {
  it(
    "delivers the uploader's own Lobby message while her upload is still running",
    async () => {
      const alice = await room.join('alice');
      const bob = await room.join('bob');
      const name = 'long-upload.png';
      const label = `Upload of ${name}`;
      await throttle(alice, THROTTLE_BYTES_PER_SECOND);
      await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: bigPng() });
      await progressReaches(alice, label, 5);

      await alice.send('typed during my upload');
      await expect
        .poll(() => bob.lines(), eventually)
        .toContainEqual(expect.stringMatching(publicLine(must(alice.name), 'typed during my upload')));
      const progress = await progressValue(alice, label);
      expect(progress, 'the upload is still running when bob has the message').toBeGreaterThanOrEqual(0);
      expect(progress).toBeLessThan(100);

      await expect
        .poll(() => fileRow(alice, name).textContent(), { ...eventually, timeout: 60_000 })
        .toContain('Offered to everyone');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'delivers a Lobby message to bob while his download is still running',
    async () => {
      const alice = await room.join('alice');
      const bob = await room.join('bob');
      const carol = await room.join('carol');
      const name = 'long-download.png';
      const label = `Download of ${name}`;
      await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: bigPng() });
      const offer = fileRow(bob, name);
      await throttle(bob, THROTTLE_BYTES_PER_SECOND);
      await fileButton(offer, 'Accept').click();
      await progressReaches(bob, label, 5);

      await carol.send('for bob, mid-download');
      await expect
        .poll(() => bob.lines(), eventually)
        .toContainEqual(expect.stringMatching(publicLine(must(carol.name), 'for bob, mid-download')));
      const progress = await progressValue(bob, label);
      expect(progress, 'the download is still running when bob has the message').toBeGreaterThanOrEqual(0);
      expect(progress).toBeLessThan(100);

      await offer.getByRole('link', { name: 'Download', exact: true }).waitFor({ timeout: 60_000 });
    },
    TEST_TIMEOUT_MS,
  );
});
