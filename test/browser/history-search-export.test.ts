// The room remembers: a late joiner sees earlier Lobby messages, "Load older" reaches further back,
// search finds a message with its words highlighted, and an export contains it.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';

const room = useBrowserRoom();

describe('history', () => {
  it('shows a late joiner the Lobby messages sent before they came, marked as earlier', async () => {
    const alice = await room.join('alice');
    await alice.send('said before carol arrived');
    const line = publicLine(must(alice.name), 'said before carol arrived');
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(line));

    const carol = await room.join('carol');
    await expect.poll(() => carol.lines(), eventually).toContainEqual(expect.stringMatching(line));
    const row = carol.log.locator('.row').filter({ hasText: 'said before carol arrived' });
    await expect.poll(() => row.getAttribute('class'), eventually).toContain('row--earlier');
  });

  it('loads older Lobby messages with "Load older"', async () => {
    const alice = await room.join('alice');
    const dave = await room.join('dave');
    // More than the first page (50), so the oldest of these is not shown at first. Two senders
    // keep each one inside the room's rate limit (a burst of 40).
    const filler = (n: number) =>
      publicLine(n <= 28 ? must(alice.name) : must(dave.name), `page filler ${n}`);
    for (let n = 1; n <= 55; n++) await (n <= 28 ? alice : dave).send(`page filler ${n}`);
    await expect.poll(() => dave.lines(), eventually).toContainEqual(expect.stringMatching(filler(55)));

    const bob = await room.join('bob');
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(filler(55)));
    expect(await bob.lines()).not.toContainEqual(expect.stringMatching(filler(1)));

    await bob.page.getByRole('button', { name: 'Load older', exact: true }).click();
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(filler(1)));
    const lines = await bob.lines();
    const at = (n: number) => lines.findIndex((l) => filler(n).test(l));
    expect(at(1)).toBeLessThan(at(2));
    expect(at(28)).toBeLessThan(at(29));
    expect(at(54)).toBeLessThan(at(55));
  });
});

describe('search and export', () => {
  it('finds a Lobby message with its words highlighted, and the export contains it', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const word = `kiwi${Math.random().toString(36).slice(2, 8)}`;
    const text = `the quick brown zebrafish ate a ${word}`;
    await alice.send(text);
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), text)));

    const box = bob.page.getByRole('searchbox', { name: 'Search messages', exact: true });
    await box.fill(`zebra ${word}`);
    await box.press('Enter');
    const results = bob.page.getByRole('region', { name: 'Search results', exact: true });
    const hit = results.getByRole('listitem').filter({ hasText: text });
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['zebrafish', word]);

    const download = bob.page.waitForEvent('download');
    await bob.page.getByRole('button', { name: 'Export TXT', exact: true }).click();
    const txt = await readFile(must(await (await download).path()), 'utf8');
    expect(txt.split('\n')).toContainEqual(expect.stringMatching(publicLine(must(alice.name), text)));

    const jsonDownload = bob.page.waitForEvent('download');
    await bob.page.getByRole('button', { name: 'Export JSON', exact: true }).click();
    const json = JSON.parse(await readFile(must(await (await jsonDownload).path()), 'utf8')) as {
      messages: { from?: string; text: string }[];
    };
    expect(json.messages).toContainEqual(expect.objectContaining({ from: alice.name, text }));

    // Escape closes the results, as "Close search" does.
    await box.press('Escape');
    await expect.poll(() => results.count(), eventually).toBe(0);
  });

  it('asks for a word when the query is punctuation alone, instead of saying nothing matched', async () => {
    const alice = await room.join('alice');
    const box = alice.page.getByRole('searchbox', { name: 'Search messages', exact: true });
    await box.fill('* "');
    await box.press('Enter');
    const search = alice.page.getByRole('region', { name: 'Search the Lobby', exact: true });
    await search.getByText(ERROR_MESSAGES.bad_search, { exact: true }).waitFor();
    expect(await search.textContent()).not.toContain('No messages match');
    // Said once, where the search is: no toast as well.
    expect(await alice.alerts.count()).toBe(0);
  });
});
