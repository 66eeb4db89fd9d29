// Owners and moderation through real Chromium (issue 14): the creator of a room (who holds its owner
// token from "Create room") mutes and kicks a second person who came by the link, and both sides
// see it: the system line for everyone, the reason and the disabled composer or the login screen
// for the person affected, who is not reconnected after a kick. Then slow mode holds a message, and
// closing the room asks first and ends everyone's session.

import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { publicLine, systemLine } from './support/log-lines';
import { uniqueName } from './support/names';

const room = useBrowserRoom();
const exact = (name: string) => ({ name, exact: true });
/** A kicked client would reconnect within its first backoff (at most 500 ms): four times that. */
const NO_RECONNECT_MS = 2_000;

async function createOwnedRoom(owner: ChatPage): Promise<string> {
  const slug = `mod-${Math.random().toString(36).slice(2, 8)}`;
  const form = owner.page.getByRole('form', exact('Create room'));
  await form.getByRole('textbox', exact('Room name')).fill(slug);
  await form.getByRole('button', exact('Create')).click();
  await owner.page.waitForURL(/\/r\//);
  return slug;
}

/** Opens the owner's menu on `name` in the roster, unless it is open, and returns it. */
async function ownerMenu(owner: ChatPage, name: string): Promise<Locator> {
  const menu = owner.page.getByRole('group', exact(`Moderate ${name}`));
  if (!(await menu.isVisible()))
    await owner.page.getByRole('button', exact(`Owner actions for ${name}`)).click();
  await menu.waitFor();
  return menu;
}

async function sanction(owner: ChatPage, name: string, action: 'Kick' | 'Ban' | 'Mute', reason: string) {
  await (await ownerMenu(owner, name)).getByRole('button', exact(action)).click();
  const dialog = owner.page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Reason/ }).fill(reason);
  await dialog.getByRole('button', exact(`${action} ${name}`)).click();
}

/** The owner creates a room and joins it; a guest opens its link and joins; the owner sees the guest. */
async function ownerWithGuest(
  guest: string,
): Promise<{ alice: ChatPage; guest: ChatPage; guestName: string }> {
  const alice = await room.open('alice');
  const slug = await createOwnedRoom(alice);
  await alice.join(uniqueName('alice'));
  const page = await room.openAt(`/r/${slug}`, guest);
  const guestName = uniqueName(guest);
  await page.join(guestName);
  await alice.waitForRosterName(guestName);
  return { alice, guest: page, guestName };
}

/** Whether the page opens a new socket within NO_RECONNECT_MS (a client told to stay away must not). */
function reconnects(page: ChatPage): Promise<boolean> {
  return page.page.waitForEvent('websocket', { timeout: NO_RECONNECT_MS }).then(
    () => true,
    () => false,
  );
}

async function seesLine(page: ChatPage, line: RegExp): Promise<void> {
  await expect.poll(() => page.lines(), eventually).toContainEqual(expect.stringMatching(line));
}

describe('moderation', () => {
  it('the owner mutes and kicks someone, and both sides see it', async () => {
    const { alice, guest: bob, guestName: bobName } = await ownerWithGuest('bob');
    // Only the owner has the owner's menu.
    expect(await bob.page.getByRole('button', { name: /^Owner actions for/ }).count()).toBe(0);

    await sanction(alice, bobName, 'Mute', 'too many links');
    const muted = systemLine(`${bobName} was muted for 10 minutes by the room owner.`);
    await seesLine(alice, muted);
    await seesLine(bob, muted);
    await bob.alerts
      .filter({ hasText: 'You were muted for 10 minutes by the room owner: too many links' })
      .waitFor();
    await expect.poll(() => bob.composer.isDisabled(), eventually).toBe(true);
    expect(await bob.sendButton.isDisabled()).toBe(true);
    expect(await bob.status.filter({ hasText: /^You are muted by the room owner/ }).count()).toBe(1);

    await sanction(alice, bobName, 'Kick', 'cool off');
    const kicked = systemLine(`${bobName} was removed from the room by the room owner.`);
    await seesLine(alice, kicked);
    await expect.poll(() => alice.roster.getByRole('button', exact(bobName)).count(), eventually).toBe(0);
    await bob.alerts
      .filter({ hasText: 'You were removed from the room by the room owner: cool off' })
      .waitFor();
    await bob.usernameField.waitFor();
    // Not reconnected: no new socket opens, and the owner's roster stays without bob.
    expect(await reconnects(bob)).toBe(false);
    expect(await alice.roster.getByRole('button', exact(bobName)).count()).toBe(0);
  });

  it('slow mode set in Room settings holds a second message and keeps its text', async () => {
    const { alice, guest: carol } = await ownerWithGuest('carol');

    await alice.page.getByRole('button', exact('Room settings')).click();
    await alice.page.getByRole('combobox', exact('Slow mode')).selectOption({ label: '1 min' });
    const on = systemLine('Slow mode was turned on by the room owner: one message every 60 s per person.');
    await seesLine(alice, on);
    await seesLine(carol, on);

    await carol.send('first one');
    // Slow mode counts from the send (and from the room's echo, if later): the next one is held.
    await seesLine(carol, publicLine(must(carol.name), 'first one'));
    await carol.send('second one');
    await carol.status
      .filter({ hasText: /^Slow mode is on: you can send your next message in \d+ s\.$/ })
      .waitFor();
    expect(await carol.composer.inputValue()).toBe('second one');
  });

  it('closing the room asks first; once confirmed, everyone is told and nobody is reconnected', async () => {
    const { alice, guest: dave, guestName: daveName } = await ownerWithGuest('dave');

    await alice.page.getByRole('button', exact('Room settings')).click();
    const closeButton = alice.page.getByRole('button', exact('Close room'));
    await closeButton.click();
    const ask = alice.page.getByRole('alertdialog', exact('Close this room?'));
    await ask.getByRole('button', exact('Cancel')).click();
    await ask.waitFor({ state: 'detached' });
    await dave.send('still here');
    await seesLine(alice, publicLine(daveName, 'still here'));

    // Cancel closed Room settings with the dialog: open it again.
    if (!(await closeButton.isVisible()))
      await alice.page.getByRole('button', exact('Room settings')).click();
    await closeButton.click();
    await ask.getByRole('button', exact('Close room for everyone')).click();
    const closed = 'This room was closed by the room owner. Its history and files are deleted.';
    await dave.alerts.filter({ hasText: closed }).waitFor();
    await dave.usernameField.waitFor();
    expect(await reconnects(dave)).toBe(false);
  });
});
