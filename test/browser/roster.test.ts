// The live roster ("Online users"): it grows when someone joins and shrinks when their page
// goes away, with a system line for each change.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { systemLine } from './support/log-lines';

const room = useBrowserRoom();

/** A closed tab may send no close frame; the room's heartbeat sweep must notice within 30 s. */
const LEAVE_TIMEOUT_MS = 40_000;

describe('the roster', () => {
  it('adds bob when he joins and drops him, with a "left" line, when his page closes', async () => {
    const alice = await room.join('alice');
    const a = must(alice.name);
    const items = alice.roster.getByRole('listitem');
    const others = () => alice.roster.getByRole('button').allTextContents();
    /** The heading's count agrees with the list (other tests' leftovers may still come and go). */
    const countShown = async () => {
      const n = await items.count();
      return alice.page.getByRole('heading', { name: `Online — ${n}`, exact: true }).count();
    };

    await expect.poll(() => items.allTextContents(), eventually).toContain(`${a} (you)`);
    const before = await items.count();

    const bob = await room.join('bob');
    const b = must(bob.name);

    await expect.poll(() => others(), eventually).toContain(b);
    await expect.poll(() => items.count(), eventually).toBe(before + 1);
    await expect.poll(countShown, eventually).toBe(1);
    expect(await alice.rosterButton(a).count(), 'no button to message yourself').toBe(0);
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(systemLine(`${b} joined`)));
    // From bob's side: alice is a button, he is "(you)".
    await expect
      .poll(() => bob.roster.getByRole('listitem').allTextContents(), eventually)
      .toContain(`${b} (you)`);
    await expect.poll(() => bob.rosterButton(a).count(), eventually).toBe(1);

    await bob.close();

    await expect.poll(() => others(), { ...eventually, timeout: LEAVE_TIMEOUT_MS }).not.toContain(b);
    await expect.poll(() => items.count(), eventually).toBe(before);
    await expect.poll(countShown, eventually).toBe(1);
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(systemLine(`${b} left`)));
  });
});
