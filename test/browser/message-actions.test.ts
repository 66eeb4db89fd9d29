// Replies, reactions, edits and deletions in the browser (issue 13): a reply's quote jumps to the
// original (loading older history), a reaction and taking it back are seen by the other person, Up
// edits the last message and both sides show "(edited)" (search and export too), and a deletion
// leaves a tombstone on both sides; the same in a private conversation sealed end to end.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { privateLine, publicLine } from './support/log-lines';
import { action, actionCount, chipsOf, marksOf, quoteOf, reactWith, rowWith } from './support/message-rows';

const room = useBrowserRoom();
const token = () => Math.random().toString(36).slice(2, 8);
const exact = (name: string) => ({ name, exact: true });

async function waitForLine(chat: ChatPage, pattern: RegExp): Promise<void> {
  await expect.poll(() => chat.lines(), eventually).toContainEqual(expect.stringMatching(pattern));
}

describe('replies', () => {
  it('sends a reply with the banner, and its quote jumps to the original, loading older history', async () => {
    const alice = await room.join('alice');
    const dave = await room.join('dave');
    const a = must(alice.name);
    const original = `the original ${token()}`;
    await alice.send(original);
    // More than the first page (50) after it, so a late joiner does not have the original. Two
    // senders keep each inside the room's rate limit (a burst of 40).
    for (let n = 1; n <= 55; n++) await (n <= 28 ? alice : dave).send(`filler ${n}`);
    await waitForLine(dave, publicLine(must(dave.name), 'filler 55'));
    const carol = await room.join('carol');
    await waitForLine(carol, publicLine(must(dave.name), 'filler 55'));
    expect(await carol.lines()).not.toContainEqual(expect.stringMatching(publicLine(a, original)));

    await (await action(rowWith(alice, original), 'Reply')).click();
    const banner = alice.page.getByRole('group', exact(`Replying to ${a}`));
    await banner.waitFor();
    await expect.poll(() => alice.composer.evaluate((box) => box === document.activeElement)).toBe(true);
    const reply = `the reply ${token()}`;
    await alice.send(reply);
    await expect.poll(() => banner.count(), eventually).toBe(0);

    // The reply's row keeps its text; the quote above it names the original.
    await waitForLine(alice, publicLine(a, reply));
    await expect
      .poll(() => quoteOf(rowWith(alice, reply)).getAttribute('aria-label'), eventually)
      .toBe(`Reply to ${a}: ${original}. Show the original`);

    // Carol has not loaded the original: the quote jumps there through "Load older".
    await waitForLine(carol, publicLine(a, reply));
    const quote = quoteOf(rowWith(carol, reply));
    await quote.click();
    const originalRow = rowWith(carol, original);
    await waitForLine(carol, publicLine(a, original));
    await expect
      .poll(() => originalRow.evaluate((row) => row === document.activeElement), eventually)
      .toBe(true);
    await expect
      .poll(() => quote.getAttribute('aria-label'), eventually)
      .toBe(`Reply to ${a}: ${original}. Show the original`);
  });

  it('cancels a reply with "Cancel reply": the next message is not a reply', async () => {
    const alice = await room.join('alice');
    const first = `answer me ${token()}`;
    await alice.send(first);
    await waitForLine(alice, publicLine(must(alice.name), first));
    await (await action(rowWith(alice, first), 'Reply')).click();
    await alice.page.getByRole('button', exact('Cancel reply')).click();
    const plain = `not a reply ${token()}`;
    await alice.send(plain);
    await waitForLine(alice, publicLine(must(alice.name), plain));
    expect(await quoteOf(rowWith(alice, plain)).count()).toBe(0);
  });
});

describe('reactions', () => {
  it('shows a reaction and its removal to the other person, with who reacted and our own pressed', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const text = `react to this ${token()}`;
    await alice.send(text);
    await waitForLine(bob, publicLine(a, text));

    await reactWith(bob, rowWith(bob, text), '🔥');
    await expect
      .poll(() => chipsOf(rowWith(bob, text)), eventually)
      .toEqual([{ name: `🔥 1, reacted by ${b}`, pressed: true }]);
    await expect
      .poll(() => chipsOf(rowWith(alice, text)), eventually)
      .toEqual([{ name: `🔥 1, reacted by ${b}`, pressed: false }]);

    // Alice adds hers by pressing the chip.
    await rowWith(alice, text)
      .getByRole('button', exact(`🔥 1, reacted by ${b}`))
      .click();
    const both = `🔥 2, reacted by ${b} and ${a}`;
    await expect.poll(() => chipsOf(rowWith(bob, text)), eventually).toEqual([{ name: both, pressed: true }]);
    await expect
      .poll(() => chipsOf(rowWith(alice, text)), eventually)
      .toEqual([{ name: both, pressed: true }]);

    // Bob takes his back; then Alice hers: no chip is left on either side.
    await rowWith(bob, text).getByRole('button', exact(both)).click();
    await expect
      .poll(() => chipsOf(rowWith(alice, text)), eventually)
      .toEqual([{ name: `🔥 1, reacted by ${a}`, pressed: true }]);
    await rowWith(alice, text)
      .getByRole('button', exact(`🔥 1, reacted by ${a}`))
      .click();
    await expect.poll(() => chipsOf(rowWith(bob, text)), eventually).toEqual([]);
    await expect.poll(() => chipsOf(rowWith(alice, text)), eventually).toEqual([]);
    // The chips never entered the row's text.
    expect(await bob.lines()).toContainEqual(expect.stringMatching(publicLine(a, text)));
  });
});

describe('edit and delete', () => {
  it('edits the last message with Up: both sides show the latest text and "(edited)", and so do search and export', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const a = must(alice.name);
    const word = `kumquat${token()}`;
    const typo = `teh ${word} typo`;
    await alice.send(typo);
    await waitForLine(bob, publicLine(a, typo));

    await alice.composer.focus();
    await alice.composer.press('ArrowUp');
    await expect.poll(() => alice.composer.inputValue(), eventually).toBe(typo);
    await alice.page.getByRole('group', exact('Editing your message')).waitFor();
    const fixed = `the ${word} typo, fixed`;
    await alice.composer.fill(fixed);
    await alice.composer.press('Enter');

    for (const chat of [alice, bob]) {
      await waitForLine(chat, publicLine(a, fixed));
      await expect.poll(() => marksOf(rowWith(chat, fixed)), eventually).toEqual(['(edited)']);
      expect(await chat.lines()).not.toContainEqual(expect.stringMatching(publicLine(a, typo)));
    }
    expect(await alice.composer.inputValue()).toBe('');

    const box = bob.page.getByRole('searchbox', exact('Search messages'));
    await box.fill(word);
    await box.press('Enter');
    const results = bob.page.getByRole('region', exact('Search results'));
    await results.getByRole('listitem').filter({ hasText: fixed }).waitFor();
    expect(await results.textContent()).not.toContain(typo);

    const download = bob.page.waitForEvent('download');
    await bob.page.getByRole('button', exact('Export TXT')).click();
    const txt = await readFile(must(await (await download).path()), 'utf8');
    expect(txt.split('\n')).toContainEqual(expect.stringMatching(publicLine(a, fixed)));
    expect(txt).not.toContain(typo);
  });

  it('asks before deleting, then leaves a tombstone on both sides; reactions go and a reply quotes "message deleted"', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    const text = `delete me ${token()}`;
    await alice.send(text);
    await waitForLine(bob, publicLine(a, text));
    const answer = `an answer ${token()}`;
    await (await action(rowWith(bob, text), 'Reply')).click();
    await bob.send(answer);
    await reactWith(bob, rowWith(bob, text), '👍');
    await expect.poll(() => chipsOf(rowWith(alice, text)), eventually).toHaveLength(1);
    // Bob may not edit or delete Alice's message.
    expect(await actionCount(rowWith(bob, text), 'Delete')).toBe(0);
    expect(await actionCount(rowWith(bob, text), 'Edit')).toBe(0);

    await (await action(rowWith(alice, text), 'Delete')).click();
    const dialog = alice.page.getByRole('alertdialog', exact('Delete this message?'));
    await dialog.getByRole('button', exact('Delete message')).click();

    for (const chat of [alice, bob]) {
      await waitForLine(chat, publicLine(a, ''));
      const tombstone = chat.log.locator(':scope > .row--deleted').filter({ hasText: a });
      await expect.poll(() => marksOf(tombstone), eventually).toEqual(['message deleted']);
      expect(await chipsOf(tombstone)).toEqual([]);
      expect(await chat.lines()).not.toContainEqual(expect.stringContaining(text));
      // The reply keeps its place, after the tombstone, and its quote says what happened.
      await expect
        .poll(() => quoteOf(rowWith(chat, answer)).getAttribute('aria-label'), eventually)
        .toBe(`Reply to ${a}: message deleted. Show the original`);
      const lines = await chat.lines();
      const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
      expect(at(publicLine(a, ''))).toBeLessThan(at(publicLine(b, answer)));
    }
  });
});

describe('in a private conversation sealed end to end', () => {
  it('replies, reacts and deletes; Edit is not offered, since the room cannot change a sealed message', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    await alice.rosterButton(b).click();
    await alice.page.getByText('End-to-end encrypted').waitFor({ timeout: eventually.timeout });
    const text = `sealed words ${token()}`;
    await alice.send(text);
    await bob.tab(a).click();
    await waitForLine(bob, privateLine(a, b, text));

    await (await action(rowWith(bob, text), 'Reply')).click();
    await bob.page.getByRole('group', exact(`Replying to ${a}`)).waitFor();
    const answer = `sealed answer ${token()}`;
    await bob.send(answer);
    await reactWith(bob, rowWith(bob, text), '🎉');

    await waitForLine(alice, privateLine(b, a, answer));
    await expect
      .poll(() => quoteOf(rowWith(alice, answer)).getAttribute('aria-label'), eventually)
      .toBe(`Reply to ${a}: ${text}. Show the original`);
    await expect
      .poll(() => chipsOf(rowWith(alice, text)), eventually)
      .toEqual([{ name: `🎉 1, reacted by ${b}`, pressed: false }]);

    expect(await actionCount(rowWith(alice, text), 'Edit')).toBe(0);
    await (await action(rowWith(alice, text), 'Delete')).click();
    await alice.page.getByRole('alertdialog').getByRole('button', exact('Delete message')).click();
    for (const chat of [alice, bob]) {
      await waitForLine(chat, privateLine(a, b, ''));
      await expect
        .poll(() => quoteOf(rowWith(chat, answer)).getAttribute('aria-label'), eventually)
        .toBe(`Reply to ${a}: message deleted. Show the original`);
    }
  });
});
