// The per-socket token bucket: a burst within the limit goes through, a flood gets one warning
// and then a close. The test config sets RATE_LIMIT_PER_SEC=50 and RATE_LIMIT_BURST=60.

import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '#protocol/errors';
import { cid, closeAll, joinAll, uniqueName } from './support/room-client';

afterEach(closeAll);

const BURST = 60;
/** A flood's length in bursts. */
const FLOOD_BURSTS = 20;

describe('the rate limit', () => {
  it('lets a burst below the limit through in full', async () => {
    const [alice, bob] = await joinAll(uniqueName('calm'), uniqueName('peer'));
    const count = BURST / 2;
    const sends = Array.from({ length: count }, (_, i) =>
      alice.channel.send({ type: 'msg', cid: cid(), text: `message ${i}`, ts: Date.now() }),
    );
    await Promise.all(sends);
    for (let i = 0; i < count; i++) expect((await bob.inbox.nextChat()).text).toBe(`message ${i}`);
    expect(alice.inbox.log.some((m) => m.type === 'error')).toBe(false);
  });

  it('answers a flood with rate_limited, then closes the socket with 4008', async () => {
    const [flooder, bystander] = await joinAll(uniqueName('flood'), uniqueName('bystand'));
    // Sealed first and sent in one go, so the flood outpaces the refill even on a slow machine: the
    // close needs BURST refusals in a row, so the room must handle frames a little faster than the
    // refill (50/s); with 20 bursts' worth that holds down to about 53 frames a second.
    const encoder = new TextEncoder();
    const frames = await Promise.all(
      Array.from({ length: BURST * FLOOD_BURSTS }, (_, i) =>
        flooder.channel.seal(
          encoder.encode(JSON.stringify({ type: 'msg', cid: cid(), text: `spam ${i}`, ts: Date.now() })),
        ),
      ),
    );
    for (const frame of frames) flooder.channel.sendRaw(frame);

    const warning = await flooder.inbox.error('rate_limited');
    expect(warning.message).toBe('You are sending too fast. Slow down.');
    expect((await flooder.channel.ended).code).toBe(CLOSE_CODES.rate_limited);
    expect(flooder.inbox.log.filter((m) => m.type === 'error' && m.code === 'rate_limited')).toHaveLength(1);

    // Everyone else sees the flooder removed, and carries on.
    await bystander.inbox.presence(`leave:${flooder.name}:kicked`);
    expect((await bystander.say('quiet again')).text).toBe('quiet again');
  });
});
