// Rooms through real Chromium: "Create room" in the lobby's landing view makes a public room that
// the directory ("Rooms") lists with a live count, or an unlisted room that a second browser
// context joins by its link and that the directory never shows.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';
import { uniqueName } from './support/names';

const room = useBrowserRoom();
const exact = (name: string) => ({ name, exact: true });
/** The directory polls every 10 s and rooms report within 5 s: a count may take 15 s to show. */
const countShows = { timeout: 40_000, interval: 250 } as const;

function uniqueSlug(base: string): string {
  return `${base}-${Math.random().toString(36).slice(2, 8)}`;
}

function roomsList(page: ChatPage) {
  return page.page.getByRole('list', exact('Rooms'));
}

async function createRoom(page: ChatPage, slug: string, unlisted: boolean): Promise<void> {
  const form = page.page.getByRole('form', exact('Create room'));
  if (unlisted) await form.getByRole('checkbox', exact('Unlisted')).check();
  else await form.getByRole('textbox', exact('Room name')).fill(slug);
  await form.getByRole('button', exact('Create')).click();
  await page.page.waitForURL(/\/r\//);
}

describe('rooms', () => {
  it('creates a public room, which the directory lists with a live count', async () => {
    const slug = uniqueSlug('room');
    const alice = await room.open('alice');
    await expect
      .poll(() => alice.page.getByRole('region', exact('Rooms')).isVisible(), eventually)
      .toBe(true);
    await createRoom(alice, slug, false);
    expect(new URL(alice.page.url()).pathname).toBe(`/r/${slug}`);
    await expect.poll(() => alice.page.title(), eventually).toBe(`${slug} · ChatSpace`);
    await expect.poll(() => alice.page.getByRole('banner').textContent(), eventually).toContain(slug);
    await alice.join(uniqueName('alice'));

    const watcher = await room.open('watcher');
    const entry = (n: number) => roomsList(watcher).getByRole('link', exact(`${slug}, ${n} online`));
    await expect.poll(() => entry(1).count(), countShows).toBe(1);

    const bob = await room.openAt(`/r/${slug}`, 'bob');
    await bob.join(uniqueName('bob'));
    await expect.poll(() => entry(2).count(), countShows).toBe(1);
    await bob.close();
    await expect.poll(() => entry(1).count(), countShows).toBe(1);
  });

  it('creates an unlisted room that a second browser joins by its link, and the directory never shows', async () => {
    const alice = await room.open('alice');
    await createRoom(alice, '', true);
    const path = new URL(alice.page.url()).pathname;
    expect(path).toMatch(/^\/r\/~[0-9a-f]{64}$/);
    await expect.poll(() => alice.page.title(), eventually).toBe('Unlisted room · ChatSpace');
    await alice.join(uniqueName('alice'));

    const bob = await room.openAt(path, 'bob');
    await bob.join(uniqueName('bob'));
    await alice.waitForRosterName(must(bob.name));
    await bob.send('found it by the link');
    const line = publicLine(must(bob.name), 'found it by the link');
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(line));

    const watcher = await room.open('watcher');
    await expect.poll(() => roomsList(watcher).getByRole('link').count(), eventually).toBeGreaterThan(0);
    const hrefs = await roomsList(watcher)
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => href.includes('~'))).toBe(false);
  });
});
