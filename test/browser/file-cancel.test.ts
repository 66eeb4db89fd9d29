// Cancelling a transfer part-way, from either side: the other person is told, nobody keeps a
// partial file, and an upload cancelled before it was stored is never offered at all.
// The person's network is throttled, so that "part-way" lasts a few seconds.

import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { downloadLink, fileButton, fileRow, progressReaches } from './support/file-cards';
import { publicLine } from './support/log-lines';
import { throttle } from './support/network';
import { noisyPng } from './support/png';

const room = useBrowserRoom();

/** About 4 s for a ~3 MB file: long enough to cancel part-way, however busy the box. */
const THROTTLE_BYTES_PER_SECOND = 750_000;

/** alice offers `name` (about 3 MB) to bob in their private tab; returns her card once stored. */
async function offerToBob(alice: ChatPage, bob: ChatPage, name: string) {
  await alice.rosterButton(must(bob.name)).click();
  await expect.poll(() => alice.tab(must(bob.name)).getAttribute('aria-selected'), eventually).toBe('true');
  await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: noisyPng(1000, 900) });
  const sent = fileRow(alice, name);
  await expect.poll(() => sent.textContent(), eventually).toContain(`Offered to ${must(bob.name)}`);
  await bob.tab(must(alice.name)).click();
  return sent;
}

async function expectNothingKept(chat: ChatPage, card: Locator): Promise<void> {
  expect(await downloadLink(card).count()).toBe(0);
  expect(await card.getByRole('img').count()).toBe(0);
  expect(await card.getByRole('progressbar').count()).toBe(0);
  expect(await chat.page.locator('a[href^="blob:"]').count()).toBe(0);
}

describe('cancelling a transfer part-way', () => {
  it('lets bob cancel a download part-way: he keeps nothing and alice is told', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const b = must(bob.name);
    const name = 'too-slow.png';
    const sent = await offerToBob(alice, bob, name);

    const offer = fileRow(bob, name);
    await throttle(bob, THROTTLE_BYTES_PER_SECOND);
    await fileButton(offer, 'Accept').click();
    await progressReaches(bob, `Download of ${name}`, 10);
    await fileButton(offer, 'Cancel').click();

    await expect.poll(() => offer.textContent(), eventually).toContain('Cancelled');
    await expectNothingKept(bob, offer);
    await expect.poll(() => sent.textContent(), eventually).toContain(`${b} cancelled`);
    expect(await fileButton(sent, 'Cancel').count()).toBe(0);
  });

  it('lets alice withdraw a file while bob downloads it: his download stops and keeps nothing', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const a = must(alice.name);
    const name = 'withdrawn.png';
    const sent = await offerToBob(alice, bob, name);

    const offer = fileRow(bob, name);
    await throttle(bob, THROTTLE_BYTES_PER_SECOND);
    await fileButton(offer, 'Accept').click();
    await progressReaches(bob, `Download of ${name}`, 10);
    await fileButton(sent, 'Cancel').click();

    await expect.poll(() => sent.textContent(), eventually).toContain('Cancelled');
    await expect.poll(() => offer.textContent(), eventually).toContain(`${a} cancelled`);
    expect(await offer.textContent()).toContain('Cancelled');
    await expectNothingKept(bob, offer);
  });

  it('lets alice cancel an upload part-way: bob is never offered it', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const name = 'never-mind.png';

    await alice.rosterButton(b).click();
    await expect.poll(() => alice.tab(b).getAttribute('aria-selected'), eventually).toBe('true');
    await throttle(alice, THROTTLE_BYTES_PER_SECOND);
    await alice.attachFile.setInputFiles({ name, mimeType: 'image/png', buffer: noisyPng(1000, 900) });
    await progressReaches(alice, `Upload of ${name}`, 10);
    const sent = fileRow(alice, name);
    await fileButton(sent, 'Cancel').click();

    await expect.poll(() => sent.textContent(), eventually).toContain('Cancelled');
    expect(await sent.getByRole('progressbar').count()).toBe(0);
    expect(await sent.textContent()).not.toContain('Offered to');

    // Once a later Lobby message reaches bob, an offer would have too: there is none.
    await alice.tab('Lobby').click();
    await alice.send('after the cancelled upload');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'after the cancelled upload')));
    expect(await bob.tablist.getByRole('tab').allTextContents()).toEqual(['Lobby']);
    expect(await bob.page.locator('body').textContent()).not.toContain(name);
  });
});
