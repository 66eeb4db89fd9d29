// @mentions: `@` in the composer offers the online names ("Mention suggestions", from the keyboard
// and the mouse); a mention rings, notifies and badges ("@") the person mentioned and nobody else,
// and highlights their row; only the room admin, who gave the admin token at login, may use @everyone.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { publicLine } from './support/log-lines';
import { uniqueName } from './support/names';
import { chimeNotes, fakeNotifications, notificationsShown, recordChimes } from './support/page-alerts';
import { setPageHidden } from './support/page-visibility';
import { adminToken } from './support/provided';

const room = useBrowserRoom();

const mentionList = (chat: ChatPage) =>
  chat.page.getByRole('listbox', { name: 'Mention suggestions', exact: true });

/** The text of the option the composer's aria-activedescendant points at. */
function activeOption(chat: ChatPage): Promise<string | null> {
  return chat.composer.evaluate((box) => {
    const id = box.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.textContent ?? null) : null;
  });
}

/** A page whose chimes and notifications are recorded, joined with notifications on, then hidden. */
async function awayListener(base: string): Promise<ChatPage> {
  const chat = await room.open(base);
  await recordChimes(chat);
  await fakeNotifications(chat, 'default');
  // Joining is the first press on the page: browsers start audio only after one.
  await chat.join(uniqueName(base));
  await chat.openSettings();
  await chat.setting('Desktop notifications').setChecked(true);
  await chat.settingsButton.click();
  await setPageHidden(chat, true);
  return chat;
}

/** The classes of the row that holds `text`. */
const rowClass = (chat: ChatPage, text: string) => chat.rows.filter({ hasText: text }).getAttribute('class');

describe('@mentions', () => {
  it('an @mention rings, notifies and badges the mentioned person only, and highlights their row', async () => {
    const bob = await awayListener('bob');
    const carol = await awayListener('carol');
    const alice = await room.join('alice');
    const [a, b] = [must(alice.name), must(bob.name)];

    // Back to back: the plain line rings both; the mention rings bob again within the chime gap.
    await alice.send('a plain line');
    // Text after the name: with the caret right after `@name`, Enter would take the suggestion.
    await alice.send(`@${b.toUpperCase()} look at this`);

    await expect
      .poll(() => notificationsShown(bob), eventually)
      .toEqual([{ title: `${a} mentioned you`, body: 'Open ChatSpace to read it.' }]);
    await expect.poll(() => chimeNotes(bob), eventually).toBe(4);
    await expect.poll(() => bob.unreadText('Lobby'), eventually).toBe('2 unread, mentioned');
    expect(await bob.tab('Lobby').getAttribute('data-unread')).toBe('@2');
    expect(await rowClass(bob, 'look at this')).toContain('row--mention');
    expect(await bob.rows.filter({ hasText: 'look at this' }).locator('.mention').textContent()).toBe(
      `@${b.toUpperCase()}`,
    );
    expect(await rowClass(bob, 'a plain line')).not.toContain('row--mention');

    const line = publicLine(a, `@${b.toUpperCase()} look at this`);
    await expect.poll(() => carol.lines(), eventually).toContainEqual(expect.stringMatching(line));
    await expect.poll(() => carol.unreadText('Lobby'), eventually).toBe('2 unread');
    expect(await chimeNotes(carol)).toBe(2);
    expect(await notificationsShown(carol)).toEqual([]);
    // Everyone sees the mention styled; only bob's row is highlighted.
    expect(await rowClass(carol, 'look at this')).not.toContain('row--mention');
    expect(await carol.rows.filter({ hasText: 'look at this' }).locator('.mention').count()).toBe(1);
  });

  it('@ offers the online names; arrows choose, Enter and Tab insert, Escape closes, a click inserts and keeps focus', async () => {
    const bob = await room.join('bob');
    const robin = await room.join('robin');
    const alice = await room.join('alice');
    const [b, r] = [must(bob.name), must(robin.name)];

    await alice.composer.pressSequentially(`hi @${b.slice(0, -1)}`);
    await mentionList(alice).waitFor();
    expect(await mentionList(alice).getByRole('option').allTextContents()).toEqual([`@${b}`]);
    expect(await alice.composer.getAttribute('aria-controls')).toBe(
      await mentionList(alice).getAttribute('id'),
    );
    await alice.composer.press('Enter');
    await expect.poll(() => alice.composer.inputValue()).toBe(`hi @${b} `);
    expect(await mentionList(alice).count()).toBe(0);
    // Enter inserted the name; it did not send the message.
    expect(await alice.lines()).not.toContainEqual(expect.stringContaining(`hi @${b}`));

    // A bare @ offers everyone online but us.
    await alice.composer.pressSequentially('and @');
    await mentionList(alice).waitFor();
    const options = await mentionList(alice).getByRole('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining([`@${b}`, `@${r}`]));
    expect(options).not.toContain(`@${must(alice.name)}`);
    const first = await activeOption(alice);
    await alice.composer.press('ArrowDown');
    expect(await activeOption(alice)).toBe(options[1]);
    await alice.composer.press('ArrowUp');
    expect(await activeOption(alice)).toBe(first);
    await alice.composer.press('Escape');
    await expect.poll(() => mentionList(alice).count()).toBe(0);
    expect(await alice.composer.getAttribute('aria-activedescendant')).toBeNull();

    await alice.composer.pressSequentially(r.slice(0, 3));
    await mentionList(alice).waitFor();
    await alice.composer.press('Tab');
    await expect.poll(() => alice.composer.inputValue()).toBe(`hi @${b} and @${r} `);

    await alice.composer.pressSequentially(`@${b.slice(0, 3)}`);
    await mentionList(alice)
      .getByRole('option', { name: `@${b}`, exact: true })
      .click();
    await expect.poll(() => alice.composer.inputValue()).toBe(`hi @${b} and @${r} @${b} `);
    expect(await alice.composer.evaluate((box) => document.activeElement === box)).toBe(true);
  });

  it('@everyone is refused from a member, and from the room admin it highlights everyone’s row', async () => {
    const bob = await room.join('bob');
    const alice = await room.join('alice');
    await alice.send('hello @everyone');
    await expect
      .poll(() => alice.rows.filter({ hasText: 'hello @everyone' }).getAttribute('data-error'), eventually)
      .toBe('Only the room admin may mention @everyone.');

    const boss = await room.open('boss');
    await boss.page.getByText('Room admin', { exact: true }).click();
    await boss.page.getByLabel('Admin token', { exact: true }).fill(adminToken());
    await boss.join(uniqueName('boss'));
    await boss.composer.pressSequentially('@every');
    await expect
      .poll(() => mentionList(boss).getByRole('option').allTextContents(), eventually)
      .toEqual(['@everyone']);
    await boss.composer.press('Enter');
    await boss.composer.pressSequentially('the room closes at six');
    await boss.composer.press('Enter');
    for (const chat of [bob, alice]) {
      await expect.poll(() => rowClass(chat, 'the room closes at six'), eventually).toContain('row--mention');
    }
  });
});
