// Messages look like a chat: Markdown formatting, links that open in a new tab (only http, https
// and mailto), shortcodes converted on send (pasted ones too), and messages from one sender grouped
// under one header with an avatar, a day divider before them. Row text content is unchanged.

import { describe, expect, it } from 'vitest';
import { initials } from '../../client/ui/format/avatar';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { countMatching, publicLine } from './support/log-lines';

const room = useBrowserRoom();

describe('formatting and links', () => {
  it('renders **bold**, *italic*, ~~strike~~ and `code`, the row still reading as sent', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const text = 'a **bold** and *italic* ~~gone~~ `x = 1`';

    await alice.send(text);

    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), text)));
    const row = bob.log.locator(':scope > .row').filter({ hasText: 'bold' });
    await expect.poll(() => row.locator('strong').textContent(), eventually).toBe('bold');
    const weight = await row.locator('strong').evaluate((e) => Number(getComputedStyle(e).fontWeight));
    expect(weight).toBeGreaterThanOrEqual(600);
    expect(await row.locator('em').textContent()).toBe('italic');
    expect(await row.locator('del').textContent()).toBe('gone');
    expect(await row.locator('code').textContent()).toBe('x = 1');
    // The markers are in the text content but not drawn.
    const markers = row.locator('.md-marker');
    expect(await markers.allTextContents()).toEqual(['**', '**', '*', '*', '~~', '~~', '`', '`']);
    expect(await markers.evaluateAll((all) => all.every((e) => getComputedStyle(e).display === 'none'))).toBe(
      true,
    );
  });

  it('links a URL so that it opens in a new tab, without a handle on the chat', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');

    await alice.send('notes: https://example.com/notes');

    const link = bob.log.getByRole('link', { name: 'https://example.com/notes', exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://example.com/notes');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    // The request for the new tab is answered here: the test opens nothing outside.
    await bob.page
      .context()
      .route('https://example.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/plain', body: 'notes' }),
      );
    const [tab] = await Promise.all([bob.page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe('https://example.com/notes');
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(bob.page.url()).not.toContain('example.com');
    await tab.close();
  });

  it('keeps javascript: and other schemes as text, links or not', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const texts = [
      'javascript:alert(1)',
      '[click](javascript:alert(2))',
      '<javascript:alert(3)>',
      'data:text/html,hi',
    ];

    for (const text of texts) await alice.send(text);

    for (const text of texts) {
      await expect
        .poll(() => bob.lines(), eventually)
        .toContainEqual(expect.stringMatching(publicLine(must(alice.name), text)));
    }
    // Rows of earlier tests come from the room's history (.row--earlier); these are live.
    expect(await bob.log.locator(':scope > .row:not(.row--earlier) a').count()).toBe(0);
    expect(bob.problems).toEqual([]);
  });
});

describe('search results', () => {
  it('shows a found message formatted, its matching words marked inside the formatting', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const word = `okapi${Math.random().toString(36).slice(2, 8)}`;
    await alice.send(`the **${word} report** is out`);
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), `the **${word} report** is out`)));

    const box = bob.page.getByRole('searchbox', { name: 'Search messages', exact: true });
    await box.fill(word);
    await box.press('Enter');
    const results = bob.page.getByRole('region', { name: 'Search results', exact: true });
    const hit = results.getByRole('listitem').filter({ hasText: word });
    await hit.waitFor();
    expect(await hit.locator('strong mark').allTextContents()).toEqual([word]);
    expect((await hit.locator('strong').allTextContents()).join('')).toBe(`${word} report`);
  });
});

describe('shortcodes on send', () => {
  it('sends a pasted :fire: as 🔥, and leaves one in code as typed', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');

    // A paste: the text arrives at once, with no key typed after a colon.
    await alice.composer.focus();
    await alice.page.keyboard.insertText('hot take :fire: `:tada:`');
    expect(await alice.composer.inputValue()).toBe('hot take :fire: `:tada:`');
    await alice.composer.press('Enter');

    const line = publicLine(must(alice.name), 'hot take 🔥 `:tada:`');
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(line));
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe('');
    expect(countMatching(await alice.lines(), line)).toBe(1);
  });
});

describe('grouped messages', () => {
  it('shows one header for consecutive messages from one sender, a new one for another', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const a = must(alice.name);

    for (const text of ['one', 'two', 'three']) await alice.send(text);
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'three')));
    await bob.send('four');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(bob.name), 'four')));

    const rows = bob.log.locator(':scope > .row--public:not(.row--earlier)');
    expect(await rows.count()).toBe(4);
    await bob.composer.hover();
    const look = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        head: row.classList.contains('row--head'),
        avatar: row.querySelector('.avatar')?.getAttribute('data-initials') ?? null,
        nameShown: (row.querySelector('.row-who')?.getBoundingClientRect().width ?? 0) > 2,
        time: getComputedStyle(row.querySelector('.row-time') as Element).opacity,
      })),
    );
    expect(look.map((r) => [r.head, r.avatar !== null, r.nameShown])).toEqual([
      [true, true, true],
      [false, false, false],
      [false, false, false],
      [true, true, true],
    ]);
    expect(look[0]?.avatar).toBe(initials(a));
    expect(look[0]?.avatar?.startsWith('A')).toBe(true);
    expect(look[2]?.time, 'a grouped time neither hovered nor focused').toBe('0');

    // A grouped message's time shows on hover, and on focus.
    const second = rows.nth(1);
    expect(await second.locator('.row-time').evaluate((e) => getComputedStyle(e).opacity)).toBe('0');
    await second.hover();
    await expect
      .poll(() => second.locator('.row-time').evaluate((e) => getComputedStyle(e).opacity))
      .toBe('1');
    await bob.composer.hover();
    await second.focus();
    await expect
      .poll(() => second.locator('.row-time').evaluate((e) => getComputedStyle(e).opacity))
      .toBe('1');

    // A divider says which day the first row is on.
    const day = await bob.log
      .locator('.day-break')
      .first()
      .evaluate((e) => getComputedStyle(e, '::before').content);
    expect(day).toBe('"Today"');
  });
});
