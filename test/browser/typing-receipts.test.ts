// Presence in conversation: the typing indicator, and read receipts that go Sent → Delivered →
// Seen, the last only once the recipient has the conversation in front of them.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { privateLine } from './support/log-lines';

const room = useBrowserRoom();

/** Records every state the receipt tick of alice's rows takes, in order, without repeats. */
async function recordTicks(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { ticks: string[] }).ticks = seen;
    const note = () => {
      for (const tick of document.querySelectorAll('[role="log"] .tick')) {
        const label = tick.getAttribute('aria-label') ?? '';
        if (seen[seen.length - 1] !== label) seen.push(label);
      }
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { ticks: string[] }).ticks);
}

describe('typing indicators', () => {
  it('show on bob’s side while alice types, and clear as soon as she sends', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const typing = bob.page.getByText(`${alice.name} is typing…`, { exact: true });

    await alice.composer.pressSequentially('hello the');
    await typing.waitFor({ state: 'visible' });

    await alice.composer.press('Enter');
    await typing.waitFor({ state: 'hidden' });
    await expect.poll(() => bob.page.locator('.typing').textContent(), eventually).toBe('');
  });

  it('show in a private tab only when its peer types there', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const carol = await room.join('carol');
    await alice.send(`/w ${bob.name} hi`);
    await bob.tab(must(alice.name)).click();

    await alice.composer.pressSequentially('are you there');
    await bob.page.getByText(`${alice.name} is typing…`, { exact: true }).waitFor({ state: 'visible' });
    // Carol, in the Lobby, sees nobody typing.
    expect(await carol.page.locator('.typing').textContent()).toBe('');
  });
});

describe('read receipts', () => {
  it('take a private message from Sent to Delivered, and to Seen only once bob opens the tab', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const ticks = await recordTicks(alice.page);
    const tick = alice.log.getByRole('img');

    await alice.send(`/w ${bob.name} did you get this?`);
    await expect.poll(() => bob.tab(must(alice.name)).count(), eventually).toBe(1);
    await expect.poll(() => tick.getAttribute('aria-label'), eventually).toBe('Delivered');
    // Bob is still in the Lobby: delivered, not seen.
    expect(await bob.tab('Lobby').getAttribute('aria-selected')).toBe('true');
    expect(await ticks()).toEqual(['Sent', 'Delivered']);

    await bob.tab(must(alice.name)).click();
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(
        expect.stringMatching(privateLine(must(alice.name), must(bob.name), 'did you get this?')),
      );
    await expect.poll(() => tick.getAttribute('aria-label'), eventually).toBe('Seen');
    expect(await ticks()).toEqual(['Sent', 'Delivered', 'Seen']);
  });
});
