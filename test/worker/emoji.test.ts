// Emoji survive the encrypted round trip through the room intact: ZWJ sequences, skin tones,
// flags (regional indicators and tag sequences), keycaps and variation selectors arrive code unit
// for code unit, in public and in private, also after the room was evicted; and the length limit
// counts them by code point, as the composer's counter does.

import { evictDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '#protocol/limits';
import { countCodePoints } from '#protocol/message-text';
import { charCounter } from '../../client/ui/format/composer-input';
import { cid, closeAll, joinAll, roomStub, uniqueName } from './support/room-client';

afterEach(closeAll);

/** Sequences that break when code points are lost, reordered or normalised. */
const EMOJI: [string, string][] = [
  ['a family (ZWJ sequence)', '👩‍👩‍👧‍👦'],
  ['the rainbow flag (ZWJ with a variation selector)', '🏳️‍🌈'],
  ['a thumbs up with a skin tone', '👍🏽'],
  ['a couple with two skin tones', '🧑🏽‍❤️‍🧑🏻'],
  ['the flag of Japan (regional indicators)', '🇯🇵'],
  ['the flag of Scotland (tag sequence)', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
  ['keycaps', '1️⃣ #️⃣ *️⃣ 🔟'],
  ['a heart as emoji and as text (VS16 and VS15)', '❤️ ❤︎'],
  ['a heart on fire', '❤️‍🔥'],
];

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

describe('emoji through the room', () => {
  it.each(EMOJI)('keeps %s intact in public messages', async (_, emoji) => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const text = `look: ${emoji}!`;
    const echo = await alice.say(text);
    const got = await bob.inbox.next('msg');
    expect(utf8(got.text ?? '')).toEqual(utf8(text));
    expect(echo.text).toBe(text);
  });

  it('keeps all of them intact in a private message after the room was evicted', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    await evictDurableObject(roomStub());
    const text = EMOJI.map(([, emoji]) => emoji).join(' ');
    await alice.channel.send({ type: 'pm', cid: cid(), to: bob.name, text, ts: Date.now() });
    const got = await bob.inbox.next('pm');
    expect(utf8(got.text ?? '')).toEqual(utf8(text));
  });

  it('counts code points for the length limit, as the composer counter does', async () => {
    const [alice, bob] = await joinAll(uniqueName('alice'), uniqueName('bob'));
    const family = '👩‍👩‍👧‍👦';
    expect(countCodePoints(family)).toBe(7);
    const fits = family.repeat(Math.floor(MAX_MESSAGE_CHARS / 7)); // 571 families, 3,997 code points
    expect(charCounter(fits)).toMatchObject({ used: 3997, over: false });
    const echo = await alice.say(fits);
    expect(echo.text).toBe(fits);
    expect((await bob.inbox.next('msg')).text).toBe(fits);

    const tooLong = fits + family;
    expect(charCounter(tooLong)).toMatchObject({ used: 4004, over: true });
    const id = cid();
    await alice.channel.send({ type: 'msg', cid: id, text: tooLong, ts: Date.now() });
    expect(await alice.inbox.error('message_too_long')).toMatchObject({ cid: id });
  });
});
