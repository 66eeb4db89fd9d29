// End-to-end encrypted private conversations in the browser (issue 12): the label says so only when
// messages go sealed, both sides see the same safety number and can mark it verified, a reload of the
// same session decrypts the earlier private messages from the keys in IndexedDB, and a later owner
// of a name makes the peer's conversation say that the identity changed.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { privateLine } from './support/log-lines';

const room = useBrowserRoom();

const E2E_LABEL = 'End-to-end encrypted';

/** Opens the private tab with `peer` (from the roster) and waits until it is sealed end to end. */
async function openSealed(page: ChatPage, peer: string): Promise<void> {
  await page.rosterButton(peer).click();
  await expect.poll(() => page.tab(peer).getAttribute('aria-selected'), eventually).toBe('true');
  await page.page.getByText(E2E_LABEL).waitFor({ timeout: eventually.timeout });
}

async function safetyNumberOf(page: ChatPage): Promise<string> {
  await page.page.getByRole('button', { name: 'Verify safety number', exact: true }).click();
  const number = page.page.getByLabel('Safety number', { exact: true });
  await number.waitFor({ timeout: eventually.timeout });
  return must(await number.textContent()).trim();
}

describe('end-to-end encrypted private conversations', () => {
  it('shows "End-to-end encrypted" in a private conversation and never in the Lobby, and both sides see the same safety number', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    expect(await alice.page.getByText(E2E_LABEL).count()).toBe(0);

    await openSealed(alice, b);
    await alice.send('sealed hello');
    await bob.tab(a).click();
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'sealed hello')));
    await bob.page.getByText(E2E_LABEL).waitFor({ timeout: eventually.timeout });

    const atAlice = await safetyNumberOf(alice);
    const atBob = await safetyNumberOf(bob);
    expect(atAlice).toMatch(/^\d{5}( \d{5}){11}$/);
    expect(atBob).toBe(atAlice);

    await alice.page.getByRole('button', { name: 'Mark as verified', exact: true }).click();
    await alice.page.getByText(`You marked ${b} as verified.`).waitFor({ timeout: eventually.timeout });
    await alice.page.getByRole('button', { name: 'Close', exact: true }).click();
    await alice.tab('Lobby').click();
    expect(await alice.page.getByText(E2E_LABEL).count()).toBe(0);
  });

  it('continues the conversation after a reload, and decrypts the earlier messages of the same session', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    await openSealed(alice, b);
    await alice.send('before the reload, from alice');
    await bob.tab(a).click();
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'before the reload, from alice')));
    await bob.send('before the reload, from bob');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(b, a, 'before the reload, from bob')));

    await bob.page.reload();
    await bob.tab(a).click();
    await expect
      .poll(() => bob.lines(), eventually)
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(privateLine(a, b, 'before the reload, from alice')),
          expect.stringMatching(privateLine(b, a, 'before the reload, from bob')),
        ]),
      );
    expect((await bob.lines()).join('\n')).not.toContain('could not be decrypted');
    await bob.page.getByText(E2E_LABEL).waitFor({ timeout: eventually.timeout });
    await bob.send('after the reload');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(b, a, 'after the reload')));
  });

  it('tells the peer that the identity changed when a later owner takes the name', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    await openSealed(alice, b);
    await alice.send('to the first bob');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'to the first bob')));
    await bob.close();

    // The name is held for its owner for 2 minutes; then a new session may take it.
    const later = await room.open('later bob');
    await expect
      .poll(
        async () => {
          if ((await later.usernameField.count()) === 0) return true;
          await later.tryJoin(b);
          return (await later.tab('Lobby').count()) > 0;
        },
        { timeout: 170_000, interval: 5_000 },
      )
      .toBe(true);
    later.name = b;
    await expect
      .poll(() => alice.lines(), { ...eventually, timeout: 30_000 })
      .toContainEqual(expect.stringContaining(`${b}'s identity changed`));
  }, 240_000);
});
