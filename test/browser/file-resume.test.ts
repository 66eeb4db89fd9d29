// Resumable transfers in the browser: the server is stopped in the middle of an upload or a
// download (every socket drops) and started again on the same state. The transfer goes on from
// where it was, never from 0, once the page has reconnected, and the bytes still match.
// The person's network is throttled, so that "the middle" lasts a few seconds.

import { readFile } from 'node:fs/promises';
import type { Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_CHUNK_BYTES } from '#protocol/limits';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import {
  downloadLink,
  fileButton,
  fileRow,
  progressReaches,
  progressSeen,
  progressValue,
  watchProgressbars,
} from './support/file-cards';
import { throttle } from './support/network';
import { noisyPng, sha256Hex } from './support/png';
import { startServer, stopServer } from './support/server';

const room = useBrowserRoom();

/** Backoff with jitter waits up to 15 s between attempts; a restart on a busy CI box takes a few more. */
const reconnect = { ...eventually, timeout: 45_000 };
/** A stop, a restart, a reconnect and a few seconds of throttled transfer. */
const TEST_TIMEOUT_MS = 150_000;
/** About 4 s for a ~3 MB file: long enough to stop the server part-way, however busy the box. */
const THROTTLE_BYTES_PER_SECOND = 750_000;

// Chromium reports every refused WebSocket attempt as a console error while the server is down.
const REFUSED_SOCKET = /^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws' failed/;
// The room list asks for the directory only while connected; one request can still meet the stop.
const REFUSED_DIRECTORY =
  /^Failed to load resource: net::ERR_[A-Z_]+ \(http:\/\/127\.0\.0\.1:\d+\/api\/rooms/;

async function joinBoth(): Promise<[ChatPage, ChatPage]> {
  const alice = await room.join('alice');
  const bob = await room.join('bob');
  for (const page of [alice, bob]) {
    page.allowConsoleErrors(REFUSED_SOCKET);
    page.allowConsoleErrors(REFUSED_DIRECTORY);
  }
  return [alice, bob];
}

interface Interruption {
  /** The percentage the bar showed while the server was down. */
  stoppedAt: number;
  /** Bar values the page showed after the restart, oldest first (read once the transfer is over). */
  after(): Promise<number[]>;
}

/**
 * Waits until `label`'s bar shows at least 10% (and a speed), stops the server (checking that the transfer
 * paused part-way, on `card`), and starts it again.
 */
async function interruptPartWay(chat: ChatPage, label: string, card: Locator): Promise<Interruption> {
  await progressReaches(chat, label, 10);
  // The bar says how far and how fast, e.g. "17% · 712.4 KB/s".
  const bar = chat.page.getByRole('progressbar', { name: label, exact: true });
  expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\d{1,2}% · [\d.]+ (B|KB|MB)\/s$/);
  await stopServer();
  const stoppedAt = await progressValue(chat, label);
  expect(stoppedAt, 'the bar stays, paused, while the server is down').toBeGreaterThanOrEqual(10);
  expect(stoppedAt, 'the transfer was still under way when the server stopped').toBeLessThan(100);
  await expect.poll(() => card.textContent(), eventually).toContain('Paused');
  const before = (await progressSeen(chat)).length;
  await startServer();
  return {
    stoppedAt,
    after: async () =>
      (await progressSeen(chat))
        .slice(before)
        .filter((bar) => bar.label === label)
        .map((bar) => Number(bar.valueNow)),
  };
}

/** Every value shown after the restart is at least the one shown before it: no start from 0. */
async function expectNoRestartFromZero(interruption: Interruption): Promise<void> {
  const after = await interruption.after();
  expect(after.length, 'progress after the restart').toBeGreaterThan(0);
  expect(
    Math.min(...after),
    `after the restart: ${after.join(', ')}; when stopped: ${interruption.stoppedAt}`,
  ).toBeGreaterThanOrEqual(interruption.stoppedAt);
}

describe('resuming file transfers', () => {
  afterEach(async () => {
    // Whatever happened in the test, leave a running server for the next one.
    await startServer();
  });

  it(
    'goes on with an upload after the server restarts, from where it was, not from 0',
    async () => {
      const [alice, bob] = await joinBoth();
      const [a, b] = [must(alice.name), must(bob.name)];
      const name = 'long-upload.png';
      const png = noisyPng(1000, 900);
      expect(png.length).toBeGreaterThan(8 * FILE_CHUNK_BYTES);
      const label = `Upload of ${name}`;

      await alice.rosterButton(b).click();
      await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
      await watchProgressbars(alice);
      await throttle(alice, THROTTLE_BYTES_PER_SECOND);
      await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: png });

      const sent = fileRow(alice, name);
      const interruption = await interruptPartWay(alice, label, sent);

      await expect.poll(() => sent.textContent(), reconnect).toContain(`Offered to ${b}`);
      await expectNoRestartFromZero(interruption);

      await bob.tab(a).click();
      const offer = fileRow(bob, name);
      await fileButton(offer, 'Accept').click();
      const link = downloadLink(offer);
      await link.waitFor();
      const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
      expect(sha256Hex(await readFile(await download.path()))).toBe(sha256Hex(png));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'goes on with a download after the server restarts, from where it was, and keeps the bytes exact',
    async () => {
      const [alice, bob] = await joinBoth();
      const [a, b] = [must(alice.name), must(bob.name)];
      const name = 'long-download.png';
      const png = noisyPng(1000, 900);
      const label = `Download of ${name}`;

      await alice.rosterButton(b).click();
      await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
      await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: png });
      const sent = fileRow(alice, name);
      await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${b}`);

      await bob.tab(a).click();
      const offer = fileRow(bob, name);
      await watchProgressbars(bob);
      await throttle(bob, THROTTLE_BYTES_PER_SECOND);
      await fileButton(offer, 'Accept').click();

      const interruption = await interruptPartWay(bob, label, offer);

      const link = downloadLink(offer);
      await link.waitFor({ timeout: reconnect.timeout });
      await expectNoRestartFromZero(interruption);
      const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
      const saved = await readFile(await download.path());
      expect(saved.length).toBe(png.length);
      expect(sha256Hex(saved)).toBe(sha256Hex(png));
      await expect.poll(() => sent.textContent(), eventually).toContain(`${b} received it`);
    },
    TEST_TIMEOUT_MS,
  );
});
