// Downloads the room holds back, in the browser. One past the per-socket cap
// (MAX_DOWNLOADS_PER_SOCKET, 3 by default): its card says, in a polite live region, that it waits
// for a free download slot while the first three run, then shows progress and verifies like the
// others (the recipient's network is throttled so that the first three last a few seconds).
// Starts past the budget of expensive requests (EXPENSIVE_BURST, 20): refused for a moment with
// the room's message, their Accept comes back, and pressed again they complete.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { downloadLink, fileButton, fileRow, progressSeen, watchProgressbars } from './support/file-cards';
import { throttle } from './support/network';
import { noisyPng, tinyPng } from './support/png';

const room = useBrowserRoom();

/** The room's default MAX_DOWNLOADS_PER_SOCKET (worker/config.ts). */
const PER_SOCKET = 3;
/** About 480 KB a file: the first three take a few seconds at this pace. */
const THROTTLE_BYTES_PER_SECOND = 400_000;
const WAITING = 'Waiting for a free download slot…';
/** More than the room's default EXPENSIVE_BURST (20) of file_accepts at once. */
const STORM = 24;
/** Uploads, throttled downloads and retries; more than the default on a box busy with other tests. */
const TEST_TIMEOUT_MS = 120_000;
/** Long enough for every file of a test to arrive on a busy box. */
const allIn = { ...eventually, timeout: 60_000 };

describe('a download waiting for a free slot', () => {
  it(
    'shows the fourth accepted file as waiting while three download, then downloads and verifies it',
    async () => {
      const alice = await room.join('alice');
      const bob = await room.join('bob');
      const files = Array.from({ length: PER_SOCKET + 1 }, (_, i) => ({
        name: `queued-${i + 1}.png`,
        mimeType: 'image/png',
        buffer: noisyPng(400, 400),
      }));
      await alice.attachFile.setInputFiles(files);
      for (const file of files) {
        await expect.poll(() => fileButton(fileRow(bob, file.name), 'Accept').count(), allIn).toBe(1);
      }

      await throttle(bob, THROTTLE_BYTES_PER_SECOND);
      await watchProgressbars(bob);
      for (const file of files) await fileButton(fileRow(bob, file.name), 'Accept').click();

      const last = fileRow(bob, files[PER_SOCKET]?.name ?? '');
      const status = last.locator('.file-status');
      await expect.poll(() => status.textContent(), { timeout: 10_000, interval: 50 }).toBe(WAITING);
      expect(await status.getAttribute('aria-live')).toBe('polite');
      // The first three accepted are the ones under way, and the waiting one can still be cancelled.
      for (const file of files.slice(0, PER_SOCKET)) {
        expect(await fileRow(bob, file.name).locator('.file-status').textContent()).not.toBe(WAITING);
      }
      expect(await fileButton(last, 'Cancel').count()).toBe(1);

      for (const file of files) {
        await expect.poll(() => downloadLink(fileRow(bob, file.name)).count(), allIn).toBe(1);
      }
      expect(await status.textContent()).toBe('SHA-256 verified');
      // Its progress showed once its chunks came.
      const lastBar = `Download of ${files[PER_SOCKET]?.name}`;
      expect((await progressSeen(bob)).some((bar) => bar.label === lastBar)).toBe(true);
      expect(await bob.alerts.count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'shows a start refused with too_expensive, gives Accept back after a moment, and completes when pressed',
    async () => {
      const alice = await room.join('alice');
      const bob = await room.join('bob');
      const names = Array.from({ length: STORM }, (_, i) => `storm-${i + 1}.png`);
      await alice.attachFile.setInputFiles(
        names.map((name, i) => ({ name, mimeType: 'image/png', buffer: tinyPng(2 + i, 3) })),
      );
      const accepts = bob.log.getByRole('button', { name: 'Accept', exact: true });
      await expect.poll(() => accepts.count(), allIn).toBe(STORM);

      // Every Accept at once, as fast as a script could: more than the budget allows.
      await accepts.evaluateAll((buttons) => {
        for (const button of buttons) (button as HTMLButtonElement).click();
      });
      const refused = bob.rows.filter({
        has: bob.page.locator('.file-error', { hasText: ERROR_MESSAGES.too_expensive }),
      });
      await expect.poll(() => refused.count(), eventually).toBeGreaterThan(0);
      // A refused card keeps its Accept: disabled while it says to wait a moment, enabled after.
      // Read in one go, so that the card cannot change between the two reads.
      const card = await refused.first().evaluate((row) => ({
        status: row.querySelector('.file-status')?.textContent,
        disabled: row.querySelector<HTMLButtonElement>('button.button--primary')?.disabled,
      }));
      expect(card).toSatisfy(
        ({ status, disabled }) =>
          (status === 'The room is busy: Accept again in a moment' && disabled === true) ||
          (status === 'Accept to try again' && disabled === false),
      );
      expect(await fileButton(refused.first(), 'Accept').count()).toBe(1);

      // One at a time, each Accept given back is pressed again, until every file is in.
      const done = bob.log.getByRole('link', { name: 'Download', exact: true });
      await expect
        .poll(
          async () => {
            const again = accepts.and(bob.page.locator(':enabled'));
            if ((await again.count()) > 0) await again.first().click();
            return done.count();
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe(STORM);
      expect(await bob.log.locator('.file-error').count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});
