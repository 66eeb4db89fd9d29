// Reconnecting after the server side drops every socket: wrangler dev is stopped and started
// again on the same port and state. Pages heal themselves, keep their names, and deliver what
// was typed while they were disconnected, exactly once. A reload takes the name back too.

import { afterEach, describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { type ChatPage, eventually } from './support/chat-page';
import { countMatching, privateLine, publicLine } from './support/log-lines';
import { startServer, stopServer } from './support/server';

const room = useBrowserRoom();

/** Backoff with jitter waits up to 15 s between attempts; a restart on a busy CI box takes a few more. */
const reconnect = { ...eventually, timeout: 45_000 };

// Chromium reports every refused WebSocket attempt as a console error while the server is down.
const REFUSED_SOCKET = /^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws' failed/;
// The room list asks for the directory only while connected, but one request can still meet the
// server going down (client/ui/state/directory-feed.ts).
const REFUSED_DIRECTORY =
  /^Failed to load resource: net::ERR_[A-Z_]+ \(http:\/\/127\.0\.0\.1:\d+\/api\/rooms/;

async function joinAll(...bases: string[]): Promise<ChatPage[]> {
  const pages: ChatPage[] = [];
  for (const base of bases) {
    const page = await room.join(base);
    page.allowConsoleErrors(REFUSED_SOCKET);
    page.allowConsoleErrors(REFUSED_DIRECTORY);
    pages.push(page);
  }
  return pages;
}

const statusOf = (page: ChatPage) => page.status.textContent();
const rosterOf = (page: ChatPage) => page.roster.getByRole('listitem').allTextContents();

describe('reconnecting', () => {
  afterEach(async () => {
    // Whatever happened in the test, leave a running server for the next one.
    await startServer();
  });

  it('comes back by itself after the server restarts and keeps the same name', async () => {
    const [alice, bob] = (await joinAll('alice', 'bob')) as [ChatPage, ChatPage];
    const [a, b] = [must(alice.name), must(bob.name)];

    await stopServer();
    await expect.poll(() => statusOf(alice), eventually).toBe('Reconnecting…');
    await expect.poll(() => statusOf(bob), eventually).toBe('Reconnecting…');
    await startServer();

    await expect.poll(() => statusOf(alice), reconnect).toBe('Connected');
    await expect.poll(() => statusOf(bob), reconnect).toBe('Connected');
    expect(await alice.page.getByRole('alertdialog').count(), 'the room key did not change').toBe(0);
    await expect.poll(() => rosterOf(alice), eventually).toContain(`${a} (you)`);
    await expect.poll(() => rosterOf(bob), eventually).toContain(`${b} (you)`);
    await expect.poll(() => alice.rosterButton(b).count(), eventually).toBe(1);
    await expect.poll(() => bob.rosterButton(a).count(), eventually).toBe(1);
    expect(await alice.tablist.count(), 'still in the chat, not back at the login screen').toBe(1);

    await bob.send('still here?');
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(b, 'still here?')));
  });

  it('delivers a message typed while disconnected once, after reconnecting', async () => {
    const [alice, bob] = (await joinAll('alice', 'bob')) as [ChatPage, ChatPage];
    const [a, b] = [must(alice.name), must(bob.name)];

    await stopServer();
    await expect.poll(() => statusOf(alice), eventually).toBe('Reconnecting…');
    // Alice also loses her own network, so she can only come back after bob, who speaks first:
    // her queued message must reach him, and both must see his line before hers.
    await alice.context.setOffline(true);
    const queued = 'typed while the server was down';
    await alice.send(queued);
    await expect.poll(() => alice.composer.inputValue()).toBe('');
    await startServer();

    await expect.poll(() => statusOf(bob), reconnect).toBe('Connected');
    expect(await statusOf(alice)).toMatch(/^(Reconnecting…|Offline)$/);
    const first = 'bob spoke while alice was away';
    await bob.send(first);
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(b, first)));
    await alice.context.setOffline(false);
    await expect.poll(() => statusOf(alice), reconnect).toBe('Connected');
    await expect.poll(() => rosterOf(alice), eventually).toContain(`${a} (you)`);

    const queuedLine = publicLine(a, queued);
    await expect.poll(() => bob.lines(), eventually).toContainEqual(expect.stringMatching(queuedLine));
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(queuedLine));
    // A later message from alice arrives after any duplicate of the queued one would have.
    await alice.send('sent after reconnecting');
    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, 'sent after reconnecting')));
    expect(countMatching(await bob.lines(), queuedLine)).toBe(1);
    expect(countMatching(await alice.lines(), queuedLine)).toBe(1);
    // The room took bob's line first; alice's log says so too, not where she typed hers.
    for (const chat of [alice, bob]) {
      const lines = await chat.lines();
      const bobs = lines.findIndex((line) => publicLine(b, first).test(line));
      expect(bobs).toBeGreaterThanOrEqual(0);
      expect(bobs).toBeLessThan(lines.findIndex((line) => queuedLine.test(line)));
    }
  });

  it('shows "Reconnecting…" as soon as the browser goes offline, and "Connected" once it is back', async () => {
    const [alice] = (await joinAll('alice')) as [ChatPage];
    await alice.context.setOffline(true);
    // At once, not after the heartbeat gives up (15 s).
    await expect.poll(() => statusOf(alice), { timeout: 5_000 }).toMatch(/^(Reconnecting…|Offline)$/);
    await alice.context.setOffline(false);
    await expect.poll(() => statusOf(alice), reconnect).toBe('Connected');
    await expect.poll(() => rosterOf(alice), eventually).toContain(`${must(alice.name)} (you)`);
  });

  it('takes the same name back after a page reload, without the login screen', async () => {
    const [alice, bob] = (await joinAll('alice', 'bob')) as [ChatPage, ChatPage];
    const [a, b] = [must(alice.name), must(bob.name)];

    await alice.page.reload();

    await alice.tab('Lobby').waitFor();
    await expect.poll(() => statusOf(alice), reconnect).toBe('Connected');
    await expect.poll(() => rosterOf(alice), eventually).toContain(`${a} (you)`);
    expect(await alice.usernameField.count(), 'no login screen').toBe(0);

    await bob.send(`/w ${a} welcome back`);
    await alice.tab(b).click();
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(privateLine(b, a, 'welcome back')));
  });
});
