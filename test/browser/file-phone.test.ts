// File cards on a phone-sized screen: a very wide picture with the longest allowed name, in one
// unbroken word, still fits; nothing scrolls sideways, and the buttons stay in reach.

import { devices, type Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_CHARS } from '#protocol/limits';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { decodedSize, downloadLink, fileButton, fileRow, imagePreview } from './support/file-cards';
import { buildPng } from './support/png';

const room = useBrowserRoom();
const PHONE = must(devices['Pixel 7']);

async function expectInside(control: Locator, width: number): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  expect(box).not.toBeNull();
  expect(must(box).x).toBeGreaterThanOrEqual(0);
  expect(must(box).x + must(box).width).toBeLessThanOrEqual(width + 0.5);
}

describe('files on a phone', () => {
  it('fits a wide picture with a long unbroken name on a phone, without sideways scrolling', async () => {
    const desk = await room.join('desk');
    const phone = await room.join('phone', PHONE);
    const width = PHONE.viewport.width;
    const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth);
    const name = `${'w'.repeat(MAX_FILE_NAME_CHARS - 4)}.png`;
    const panorama = buildPng(2400, 60, (x) => [x % 256, 128, 255 - (x % 256), 255]);

    await expectInside(phone.page.locator('label', { has: phone.attachFile }), width);
    await desk.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: panorama });

    const offer = fileRow(phone, name);
    await offer.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(width);
    await expectInside(fileButton(offer, 'Accept'), width);
    await expectInside(fileButton(offer, 'Decline'), width);

    await fileButton(offer, 'Accept').tap();
    const link = downloadLink(offer);
    await link.waitFor();
    const preview = imagePreview(offer, name);
    await expect.poll(() => decodedSize(preview), eventually).toEqual({ width: 2400, height: 60 });
    expect(await overflow()).toBeLessThanOrEqual(width);
    await expectInside(preview, width);
    await expectInside(link, width);
  });
});
