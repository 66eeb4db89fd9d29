// Several rooms in one page, through real Chromium: a person in the lobby opens a room's link and
// joins it too; both rooms stay connected, the room list ("Rooms") keeps them first and counts
// each one's unread messages and mentions apart, and a reload brings every joined room back.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually, NAVIGATION_TIMEOUT_MS } from './support/chat-page';
import { publicLine } from './support/log-lines';
import { uniqueName } from './support/names';
import { baseUrl } from './support/provided';

const room = useBrowserRoom();
const exact = (name: string) => ({ name, exact: true });

function uniqueSlug(base: string): string {
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rail(page: ChatPage) {
  return page.page.getByRole('navigation', exact('Rooms'));
}

/** The room list's entry for `label`, whatever its count ("rust, 3 online"). */
function entry(page: ChatPage, label: string) {
  return rail(page).getByRole('link', { name: new RegExp(`^${escapeRegExp(label)}, \\d+ online$`) });
}

/** The labels of the rooms `page` is in (those it can leave), top to bottom. */
function joinedLabels(page: ChatPage): Promise<string[]> {
  return rail(page)
    .locator('li:has(button) a')
    .evaluateAll((links) =>
      links.map((link) => (link.getAttribute('aria-label') ?? '').replace(/, \d+ online$/, '')),
    );
}

/** The entry's unread description ("2 unread, mentioned"), or null when it has none. */
function unreadOf(page: ChatPage, label: string): Promise<string | null> {
  return entry(page, label).evaluate((link) => {
    const id = link.getAttribute('aria-describedby');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}

/** `page`, in the lobby as `name`, follows a link to room `slug` and joins it with the same name. */
async function joinSecondRoom(page: ChatPage, slug: string, name: string): Promise<void> {
  await page.page.goto(`${baseUrl()}/r/${slug}`, { timeout: NAVIGATION_TIMEOUT_MS });
  await page.join(name);
  await expect.poll(() => joinedLabels(page), eventually).toEqual(['lobby', slug]);
}

describe('several rooms at once', () => {
  it('stays in two rooms and counts unread messages and mentions per room', async () => {
    const slug = uniqueSlug('pair');
    const alice = await room.open('alice');
    const a = uniqueName('alice');
    await alice.join(a);
    await joinSecondRoom(alice, slug, a);
    expect(await alice.page.title()).toBe(`${slug} · ChatSpace`);

    // Bob talks in the lobby, which alice has in the background.
    const bob = await room.open('bob');
    await bob.join(uniqueName('bob'));
    await bob.send(`@${a} hello`);
    await expect.poll(() => unreadOf(alice, 'lobby'), eventually).toBe('1 unread, mentioned');
    await bob.send('and more');
    await expect.poll(() => unreadOf(alice, 'lobby'), eventually).toBe('2 unread, mentioned');
    expect(await unreadOf(alice, slug)).toBeNull();
    await expect.poll(() => alice.page.title(), eventually).toBe(`(2) ${slug} · ChatSpace`);

    // Carol talks in the other room once alice has gone back to the lobby.
    await entry(alice, 'lobby').click();
    await expect.poll(() => new URL(alice.page.url()).pathname, eventually).toBe('/');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(bob.name), 'and more')));
    await expect.poll(() => unreadOf(alice, 'lobby'), eventually).toBeNull();
    const carol = await room.openAt(`/r/${slug}`, 'carol');
    await carol.join(uniqueName('carol'));
    await carol.send('over here');
    await expect.poll(() => unreadOf(alice, slug), eventually).toBe('1 unread');
    expect(await alice.page.title()).toBe('(1) lobby · ChatSpace');
    await expect
      .poll(() => entry(alice, slug).getAttribute('aria-label'), eventually)
      .toBe(`${slug}, 2 online`);

    await entry(alice, slug).click();
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(carol.name), 'over here')));
    await expect.poll(() => unreadOf(alice, slug), eventually).toBeNull();
  });

  it('brings back every joined room after a reload, each with its name, and leaves one for good', async () => {
    const slug = uniqueSlug('back');
    const alice = await room.open('alice');
    const a = uniqueName('alice');
    await alice.join(a);
    await joinSecondRoom(alice, slug, a);
    const bob = await room.openAt(`/r/${slug}`, 'bob');
    await bob.join(uniqueName('bob'));
    await bob.waitForRosterName(a);

    await alice.page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
    await alice.composer.waitFor();
    await expect.poll(() => joinedLabels(alice), eventually).toEqual(['lobby', slug]);
    expect(new URL(alice.page.url()).pathname).toBe(`/r/${slug}`);
    // The lobby's socket is back too: it counts what arrives while another room is on screen.
    const carol = await room.open('carol');
    await carol.join(uniqueName('carol'));
    await carol.send('welcome back');
    await expect.poll(() => unreadOf(alice, 'lobby'), eventually).toBe('1 unread');
    await entry(alice, 'lobby').click();
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(carol.name), 'welcome back')));
    expect(await alice.usernameField.count()).toBe(0);

    // Leaving closes that room's socket: the others there see alice go; the lobby stays.
    await alice.page.getByRole('button', exact(`Leave ${slug}`)).click();
    await expect.poll(() => joinedLabels(alice), eventually).toEqual(['lobby']);
    await bob.page.waitForFunction(
      (gone) =>
        ![...(document.getElementById('roster')?.querySelectorAll('li') ?? [])].some((item) =>
          item.textContent?.includes(gone),
        ),
      a,
    );
    await alice.page.reload({ timeout: NAVIGATION_TIMEOUT_MS });
    await alice.composer.waitFor();
    await expect.poll(() => joinedLabels(alice), eventually).toEqual(['lobby']);
  });
});
