// The login screen: names the room refuses come back as a role="alert" with the reason, and the
// person can try again on the same page without reloading.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { uniqueName } from './support/names';

const room = useBrowserRoom();

describe('joining', () => {
  it('refuses a name already online in another case ("Alice" while "alice" is in), then accepts another', async () => {
    const alice = await room.join('alice');
    const shouted = must(alice.name).toUpperCase();
    const visitor = await room.open('visitor');

    await visitor.tryJoin(shouted);

    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining(ERROR_MESSAGES.name_taken));
    expect(await visitor.tablist.count(), 'still on the login screen').toBe(0);
    await expect.poll(() => alice.roster.getByRole('button').allTextContents()).not.toContain(shouted);

    const other = uniqueName('alicia');
    await visitor.join(other);
    await expect.poll(() => alice.rosterButton(other).count(), eventually).toBe(1);
    await expect
      .poll(() => visitor.roster.getByRole('listitem').allTextContents(), eventually)
      .toContain(`${other} (you)`);
  });

  it.each([
    ['too short', 'a', ERROR_MESSAGES.name_too_short],
    ['too long', 'a_name_far_too_long', ERROR_MESSAGES.name_too_long],
    ['with bad characters', 'bad-name!', ERROR_MESSAGES.name_bad_chars],
  ])('explains why a name %s is refused, in an alert', async (_case, name, reason) => {
    const visitor = await room.open('visitor');
    await visitor.tryJoin(name);
    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining(reason));
    expect(await visitor.tablist.count()).toBe(0);
  });
});
