// Unread badges on the conversation tabs ("2 unread", as the tab's accessible description) and
// the unread total in the page title ("(2) ChatSpace"), cleared when the tab is viewed while
// the page is visible.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { privateLine, publicLine } from './support/log-lines';
import { setPageHidden } from './support/page-visibility';

const room = useBrowserRoom();

describe('unread badges', () => {
  it('count private messages on their tab and in the title until the tab is opened', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [must(alice.name), must(bob.name)];
    expect(await bob.page.title()).toBe('ChatSpace');

    await alice.send(`/w ${b} one`);
    await bob.tab(a).waitFor();
    await expect.poll(() => bob.unreadText(a), eventually).toBe('1 unread');
    await alice.send('two');
    await expect.poll(() => bob.unreadText(a), eventually).toBe('2 unread');
    await expect.poll(() => bob.page.title()).toBe('(2) ChatSpace');
    // The badge is not part of the tab's name or text.
    expect(await bob.tab(a).textContent()).toBe(a);
    expect(await bob.unreadText('Lobby')).toBeNull();

    await bob.tab(a).click();
    await expect.poll(() => bob.unreadText(a)).toBeNull();
    expect(await bob.page.title()).toBe('ChatSpace');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(a, b, 'two')));
    // The sender's own messages never count.
    expect(await alice.unreadText(b)).toBeNull();
    expect(await alice.page.title()).toBe('ChatSpace');
  });

  it('count messages in the open tab while the page is hidden, and clear when it is shown', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    await setPageHidden(bob, true);

    await alice.send('anyone there?');
    await alice.send('hello?');
    await expect.poll(() => bob.unreadText('Lobby'), eventually).toBe('2 unread');
    await expect.poll(() => bob.page.title()).toBe('(2) ChatSpace');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(must(alice.name), 'hello?')));

    await setPageHidden(bob, false);
    await expect.poll(() => bob.unreadText('Lobby')).toBeNull();
    expect(await bob.page.title()).toBe('ChatSpace');
  });
});
