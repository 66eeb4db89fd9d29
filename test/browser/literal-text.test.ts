// Text is always rendered as text: markup in a message shows literally, creates no element and
// runs no script (the watcher in useBrowserRoom also fails the test on any dialog or CSP report).

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { countMatching, publicLine } from './support/log-lines';

const room = useBrowserRoom();

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  '&lt;b&gt;not bold&lt;/b&gt; &amp;',
];

describe('literal rendering', () => {
  it('shows a message like <img src=x onerror=alert(1)> literally, without creating elements', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const requested: string[] = [];
    for (const person of [alice, bob]) {
      person.page.on('request', (request) => {
        if (/\/x$/.test(new URL(request.url()).pathname)) requested.push(request.url());
      });
    }

    for (const text of PAYLOADS) await alice.send(text);

    for (const person of [alice, bob]) {
      for (const text of PAYLOADS) {
        const line = publicLine(must(alice.name), text);
        await expect.poll(() => person.lines(), eventually).toContainEqual(expect.stringMatching(line));
        expect(countMatching(await person.lines(), line)).toBe(1);
      }
      // The message actions' own icons (svg.icon, aria-hidden) are the only svg the log may hold.
      expect(
        await person.log.locator('img, script, svg:not(.icon), b').count(),
        `${person.label}: elements in the log`,
      ).toBe(0);
      expect(person.problems, `${person.label}: dialogs or errors`).toEqual([]);
    }
    expect(requested, 'requests for the injected image').toEqual([]);
  });

  it('shows the reason for a username with markup in it, as plain text', async () => {
    const visitor = await room.open('visitor');

    await visitor.tryJoin('<b>x</b>');
    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining('Usernames may use only letters, digits and underscore.'));

    await visitor.tryJoin('<img src=x onerror=alert(1)>');
    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringMatching(/^Usernames (may use only letters|have at most 15 characters)/));
    expect(await visitor.page.locator('img, b').count()).toBe(0);
    expect(await visitor.usernameField.isVisible()).toBe(true);
  });
});
