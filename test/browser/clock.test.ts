// The "12-hour clock" setting (in the Settings panel): every timestamp switches between HH:MM:SS
// and hh:mm AM/PM.

import { describe, expect, it } from 'vitest';
import { must } from '../support/must';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { publicLine, systemLine, TIME_12, TIME_24, timeOf } from './support/log-lines';

const room = useBrowserRoom();

/** 14:23:15 → 02:23 PM, 00:05:09 → 12:05 AM. */
function to12Hour(time24: string): string {
  const [h, m] = time24.split(':').map(Number) as [number, number, number];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h % 12 === 0 ? 12 : h % 12)}:${two(m)} ${h < 12 ? 'AM' : 'PM'}`;
}

describe('the clock setting', () => {
  it('switches timestamps to hh:mm AM/PM with "12-hour clock" and back', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    await bob.send('what time is it?');
    const message24 = publicLine(must(bob.name), 'what time is it?');
    await expect.poll(() => alice.lines(), eventually).toContainEqual(expect.stringMatching(message24));
    await expect
      .poll(() => alice.lines(), eventually)
      .toContainEqual(expect.stringMatching(systemLine(`${bob.name} joined`)));
    const before = await alice.lines();
    expect(before.every((line) => new RegExp(`\\(${TIME_24}\\): `).test(line))).toBe(true);

    await alice.openSettings();
    await alice.twelveHourClock.check();

    const expected = before.map((line) => line.replace(`(${timeOf(line)})`, `(${to12Hour(timeOf(line))})`));
    // Compare the rows that were there before; someone could join or leave meanwhile.
    const firstRows = async () => (await alice.lines()).slice(0, before.length);
    await expect.poll(firstRows, eventually).toEqual(expected);
    expect(expected.every((line) => new RegExp(`\\(${TIME_12}\\): `).test(line))).toBe(true);
    expect(await alice.lines()).toContainEqual(
      expect.stringMatching(publicLine(must(bob.name), 'what time is it?', '12h')),
    );
    // Only alice's display changed.
    expect(await bob.lines()).toContainEqual(expect.stringMatching(message24));

    await alice.twelveHourClock.uncheck();
    await expect.poll(firstRows, eventually).toEqual(before);
  });
});
